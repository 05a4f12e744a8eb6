using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(DipTrader.Browser.Tests.BrowserApp))]
// One app, one browser, flows one after another: steady timing on a small, busy machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DipTrader.Browser.Tests;

/// <summary>
/// The app on a loopback port and Debian's Chromium (<c>DIPTRADER_CHROMIUM</c>, default <c>/usr/bin/chromium</c>),
/// shared by every test; Playwright drives the browser and never downloads one. The first user (the admin) is
/// registered through the browser by whichever test needs it first.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Dip-admin-passphrase-71";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"diptrader-browser-{Guid.NewGuid():N}");
    private readonly Lock _adminLock = new();
    private WebAppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task<AdminAccount>? _admin;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("DIPTRADER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: run scripts/test (it installs Debian's chromium) or `apt-get install chromium`, or set DIPTRADER_CHROMIUM.");
        }
        Directory.CreateDirectory(_dataDirectory);
        _app = new WebAppFactory(_dataDirectory);
        _app.StartServer();
        BaseAddress = _app.BaseAddress;
        // A busy machine can take seconds to render: wait up to 15 s for what a page should show.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A new person at the browser (fresh cookies), or a returning one with <paramref name="storageState"/>.</summary>
    public Task<BrowserSession> OpenSessionAsync(string name, string? storageState = null) =>
        BrowserSession.OpenAsync(_browser!, BaseAddress, name, storageState);

    /// <summary>
    /// The first user: registered on the sign-up page and logged in once, by whichever test asks first; later
    /// sessions reuse the login. A failure is kept too, so every test that needs the admin reports the same one.
    /// </summary>
    public Task<AdminAccount> AdminAsync()
    {
        lock (_adminLock)
        {
            return _admin ??= RegisterAdminAsync();
        }
    }

    private async Task<AdminAccount> RegisterAdminAsync()
    {
        await using var session = await OpenSessionAsync("the first user");
        try
        {
            var message = await RegisterAsync(session, AdminEmail, AdminPassword);
            await LogInAsync(session, AdminEmail, AdminPassword);
            await session.Page.WaitForURLAsync("**/dashboard");
            session.AssertNoBrowserProblems();
            return new AdminAccount(message, await session.Context.StorageStateAsync());
        }
        catch
        {
            await session.TryScreenshotAsync("failed-admin-registration");
            throw;
        }
    }

    /// <summary>Fills in the sign-up form; returns the message the login page then shows.</summary>
    public static async Task<string> RegisterAsync(BrowserSession session, string email, string password)
    {
        var page = session.Page;
        await session.GoAsync("/register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        return (await page.Locator(".alert-success").InnerTextAsync()).Trim();
    }

    /// <summary>Fills in the login form (opening /login unless it is open) and submits it.</summary>
    public static async Task LogInAsync(BrowserSession session, string email, string password)
    {
        var page = session.Page;
        if (!new Uri(page.Url).AbsolutePath.Equals("/login", StringComparison.OrdinalIgnoreCase))
        {
            await session.GoAsync("/login");
        }
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        WriteAppLog();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is left for the OS to clean.
        }
    }

    private static void WriteAppLog()
    {
        Directory.CreateDirectory(Artifacts.Screenshots);
        File.WriteAllLines(Path.Combine(Artifacts.Screenshots, "app.log"), AppLog.Instance.Lines);
    }
}

/// <summary>What registering the first user showed, and its logged-in browser state for later sessions.</summary>
public sealed record AdminAccount(string RegistrationMessage, string StorageState);
