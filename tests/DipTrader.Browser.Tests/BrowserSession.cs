using Microsoft.Playwright;

namespace DipTrader.Browser.Tests;

/// <summary>
/// One person's browser: an isolated context (its own cookies) with one page, and everything the page
/// complained about: console errors, uncaught exceptions and Content-Security-Policy violations.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Runs before any script of every document: reports each CSP violation on the console, where the session sees it.
    private const string CspProbe = """
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample || ""}`);
        }, true);
        """;

    private readonly List<string> _problems = [];
    private readonly HashSet<IPage> _watched = [];

    private BrowserSession(string name, IBrowserContext context)
    {
        Name = name;
        Context = context;
    }

    public string Name { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; private set; } = null!;

    /// <summary>Console errors, page errors and CSP violations so far, each with the page it happened on.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    internal static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress, string name, string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.AddInitScriptAsync(CspProbe);
        var session = new BrowserSession(name, context);
        context.Page += (_, page) => session.Watch(page);
        var first = await context.NewPageAsync();
        session.Watch(first);
        session.Page = first;
        return session;
    }

    /// <summary>Goes to a path of the app and waits for the page to load; fails on an HTTP error.</summary>
    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        Assert.True(response.Ok, $"GET {path} answered {response.Status} {response.StatusText}.");
        return response;
    }

    /// <summary>A full-page PNG in the artifacts' screenshots folder; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Artifacts.PathOf($"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>A screenshot for a post-mortem: never throws (the page may be gone).</summary>
    public async Task TryScreenshotAsync(string name)
    {
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf($"{name}.png"), FullPage = true, Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            // Nothing to show.
        }
        catch (TimeoutException)
        {
            // Nothing to show in time.
        }
    }

    /// <summary>The page and every page before it ran without script errors or CSP violations.</summary>
    public void AssertNoBrowserProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, $"The browser of {Name} reported:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Watch(IPage page)
    {
        lock (_watched)
        {
            if (!_watched.Add(page))
            {
                return;
            }
        }
        page.Console += (_, message) =>
        {
            if ((message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                && !IsFaviconProbe(message))
            {
                Record($"console {message.Type} on {page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught error on {page.Url}: {error}");
        page.Crash += (_, _) => Record($"page crashed on {page.Url}");
        // confirm.js asks before some submits: a person says yes (and the question is kept for the record).
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
    }

    // The browser asks for /favicon.ico by itself; the app has none, and no page links one.
    private static bool IsFaviconProbe(IConsoleMessage message) =>
        message.Location.StartsWith("http", StringComparison.Ordinal)
        && new Uri(message.Location.Split(' ')[0]).AbsolutePath.StartsWith("/favicon.ico", StringComparison.Ordinal)
        && message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal);

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
