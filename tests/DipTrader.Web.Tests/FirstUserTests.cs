using DipTrader.Testing.Databases;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// The first user of a fresh install becomes the admin: when several register at the same moment, exactly one does.
/// Each test starts its own app, since the class fixtures' apps already have their admin.
/// </summary>
public abstract class FirstUserTests(string provider)
{
    private const int Founders = 5;

    [Fact]
    public async Task Parallel_registrations_on_a_fresh_install_make_exactly_one_admin()
    {
        var token = TestContext.Current.CancellationToken;
        await using var app = await WebApp.StartAsync(provider, cancellationToken: token);

        var answers = await Task.WhenAll(Enumerable.Range(1, Founders).Select(n => app.RegisterAsync($"founder{n}@example.com", WebApp.Password)));

        Assert.All(answers, page => page.RedirectsTo("/login"));
        await using var db = app.Database.CreateContext();
        var users = await db.Users.AsNoTracking().ToListAsync(token);
        Assert.Equal(Founders, users.Count);
        var admin = Assert.Single(users, u => u.IsAdmin);
        Assert.True(admin.IsApproved);
        // The others wait for the admin's approval, as every later registration does.
        Assert.All(users.Where(u => !u.IsAdmin), u => Assert.False(u.IsApproved));
    }
}

public sealed class FirstUserTestsOnSqlite() : FirstUserTests(TestDatabase.Sqlite);

public sealed class FirstUserTestsOnPostgres() : FirstUserTests(TestDatabase.Postgres);
