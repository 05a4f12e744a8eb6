using System.Net;
using DipTrader.Testing.Databases;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>
/// One app per test class (tests of a class run one after another and make their own users and bots), with the
/// admin registered first through /register and signed in.
/// </summary>
public abstract class WebAppFixture(string provider) : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Admin-Password-Long-91";

    public string Provider { get; } = provider;

    public WebApp App { get; private set; } = null!;

    public Session Admin { get; private set; } = null!;

    /// <summary>Settings the app starts with besides the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        App = await WebApp.StartAsync(Provider, Settings(), TestContext.Current.CancellationToken);
        var registered = await App.RegisterAsync(AdminEmail, AdminPassword);
        if (registered.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The admin could not register: {registered}");
        }
        Admin = await App.LoginAsync(AdminEmail, AdminPassword);
    }

    public virtual async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : WebAppFixture(TestDatabase.Sqlite);

public sealed class PostgresApp() : WebAppFixture(TestDatabase.Postgres);
