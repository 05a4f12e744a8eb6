using System.Net;
using DipTrader.Web.Services;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// Every wrong password counts, however many arrive at once (each from its own address, as a spread-out guesser's
/// would, so the per-address rate limit lets them through): the account locks at the fifth failure.
/// </summary>
public abstract class LoginLockoutTests(WebAppFixture fixture)
{
    private const string WrongPassword = "Not-The-Password-42";

    private WebApp App => fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_wrong_passwords_each_count_and_the_fifth_failure_locks_the_account()
    {
        var user = await App.CreateUserAsync();

        var first = await Task.WhenAll(Enumerable.Range(0, AccountService.MaxFailedLogins - 1).Select(_ => WrongPasswordAsync(user.Email)));
        Assert.All(first, page => Assert.True(page.HasAlert("The email or password is not right."), page.ToString()));
        var (failures, lockedUntil) = await LockoutAsync(user.Id);
        Assert.Equal(AccountService.MaxFailedLogins - 1, failures);
        Assert.Null(lockedUntil);

        var second = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WrongPasswordAsync(user.Email)));
        Assert.Contains(second, page => page.HasAlert("Too many failed attempts"));
        Assert.True((await LockoutAsync(user.Id)).LockedUntil > DateTime.UtcNow.AddMinutes(10));

        // Locked means locked: the right password does not sign in either.
        using var owner = App.NewSession();
        var refused = (await owner.LogInAsync(user.Email, WebApp.Password)).Is(HttpStatusCode.OK);
        Assert.True(refused.HasAlert("Too many failed attempts"), refused.ToString());
    }

    private async Task<HtmlPage> WrongPasswordAsync(string email)
    {
        using var guesser = App.NewSession();
        return (await guesser.LogInAsync(email, WrongPassword)).Is(HttpStatusCode.OK);
    }

    private async Task<(int Failures, DateTime? LockedUntil)> LockoutAsync(int userId)
    {
        await using var db = App.Database.CreateContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Token);
        return (user.FailedLoginCount, user.LockedUntil);
    }
}

public sealed class LoginLockoutTestsOnSqlite(SqliteApp app) : LoginLockoutTests(app), IClassFixture<SqliteApp>;

public sealed class LoginLockoutTestsOnPostgres(PostgresApp app) : LoginLockoutTests(app), IClassFixture<PostgresApp>;
