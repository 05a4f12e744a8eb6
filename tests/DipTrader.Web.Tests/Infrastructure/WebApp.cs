using System.Globalization;
using System.Net;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>
/// The web app as production runs it (environment Production, real secrets, https), over a fresh migrated
/// database (SQLite or PostgreSQL), with the scheduler off unless asked for. Users log in through the app;
/// <see cref="CreateUserAsync"/> only skips the registration form (whose own tests are in AccountTests).
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    /// <summary>The password of every user <see cref="CreateUserAsync"/> makes.</summary>
    public const string Password = "Blue-Harbour-Lantern-77";

    /// <summary>
    /// Quartz keeps its log provider in a static: a second host in this process fails if the first host's logger
    /// factory was disposed, so every host shares this one, which is never disposed.
    /// </summary>
    private static readonly ILoggerFactory SharedLoggers = LoggerFactory.Create(_ => { });

    private static readonly Lazy<string> PasswordHash = new(() => WerkzeugPasswordHasher.Hash(Password));
    private static int _clients;
    private static int _users;

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _dataDirectory;

    private WebApp(TestDatabase database, WebApplicationFactory<Program> factory, string dataDirectory, string provider)
    {
        Database = database;
        _factory = factory;
        _dataDirectory = dataDirectory;
        Provider = provider;
    }

    public TestDatabase Database { get; }

    public string Provider { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts the app. <paramref name="settings"/> add to or override the defaults (e.g. <c>SCHEDULER_ENABLED</c>,
    /// <c>Scheduler:MinuteLength</c>, <c>TELEGRAM_API_URL</c>).
    /// </summary>
    public static async Task<WebApp> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var database = await TestDatabase.CreateAsync(provider, cancellationToken);
        var dataDirectory = Directory.CreateTempSubdirectory("diptrader-web-test-").FullName;
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DATABASE_URL"] = database.Connection.ConnectionString,
            ["DATA_DIR"] = dataDirectory,
            ["SECRET_KEY"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["ENCRYPTION_KEY"] = SecretBox.GenerateKey(),
            ["MIGRATE_ON_START"] = "true",
            ["SCHEDULER_ENABLED"] = "false",
            ["MARKET_DATA"] = "demo",
            // Nothing here may reach the internet: a refused port answers at once.
            ["PHEMEX_BASE_URL"] = "http://127.0.0.1:9",
            ["TELEGRAM_API_URL"] = "http://127.0.0.1:9",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var factory = Create(all, "Production");
        try
        {
            // Build the host now, so a start-up failure is the test's failure here and not at the first request.
            _ = factory.Server;
        }
        catch
        {
            await factory.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
        return new WebApp(database, factory, dataDirectory, provider);
    }

    /// <summary>A factory with exactly these settings (for start-up tests that expect it to fail).</summary>
    public static WebApplicationFactory<Program> Create(IReadOnlyDictionary<string, string?> settings, string environment) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureServices(services =>
            {
                services.AddSingleton(SharedLoggers);
                services.AddTransient<IStartupFilter, ClientAddressStartupFilter>();
            });
        });

    /// <summary>A new browser: its own cookies and its own client address (rate limits are per address).</summary>
    public Session NewSession(string? ip = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        var address = ip ?? NextAddress();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return new Session(client, address);
    }

    /// <summary>A client with no cookies that sends <c>Authorization: Bearer</c>.</summary>
    public HttpClient ApiClientWithToken(string token)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, NextAddress());
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers through /register (the first user of a fresh install becomes the admin).</summary>
    public async Task<HtmlPage> RegisterAsync(string email, string password, string? confirmation = null, Session? session = null)
    {
        var browser = session ?? NewSession();
        return await browser.PostFormAsync("/register", ("Email", email), ("Password", password), ("Confirmation", confirmation ?? password));
    }

    /// <summary>Logs in through /login; throws when the app does not sign the user in.</summary>
    public async Task<Session> LoginAsync(string email, string password = Password)
    {
        var session = NewSession();
        var answer = await session.LogInAsync(email, password);
        if (answer.Status != HttpStatusCode.Redirect || answer.Location != "/dashboard")
        {
            throw new InvalidOperationException($"{email} could not log in: {answer.Status} {answer.Alerts.FirstOrDefault()}");
        }
        session.Email = email;
        return session;
    }

    /// <summary>An approved user (plan pro, 10 bots unless told otherwise) with <see cref="Password"/>, signed in.</summary>
    public async Task<Session> SignedInUserAsync(string plan = Plans.Pro, int? maxBots = null)
    {
        var user = await CreateUserAsync(plan: plan, maxBots: maxBots);
        var session = await LoginAsync(user.Email);
        session.UserId = user.Id;
        return session;
    }

    /// <summary>An approved user with <see cref="Password"/>, written to the database (skipping the registration form).</summary>
    public async Task<TestUser> CreateUserAsync(string? email = null, string plan = Plans.Pro, int? maxBots = null, bool approved = true, bool admin = false)
    {
        var number = Interlocked.Increment(ref _users);
        email ??= string.Create(CultureInfo.InvariantCulture, $"user{number}-{Guid.NewGuid().ToString("N")[..8]}@example.com");
        await using var db = Database.CreateContext();
        var now = DateTime.UtcNow;
        var user = new User
        {
            Email = email,
            PasswordHash = PasswordHash.Value,
            IsApproved = approved,
            IsAdmin = admin,
            Plan = plan,
            MaxBots = maxBots ?? Plans.DefaultBotLimits[plan],
            CreatedAt = now,
            UpdatedAt = now,
            RequestedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new TestUser(user.Id, email);
    }

    private static string NextAddress()
    {
        var n = Interlocked.Increment(ref _clients);
        return string.Create(CultureInfo.InvariantCulture, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

public sealed record TestUser(int Id, string Email);
