
namespace DipTrader.Browser.Tests;

/// <summary>
/// A test with browser sessions: they close when the test ends, and when it failed each one's page is saved as
/// <c>failed-{test}-{session}.png</c> beside the screenshots, to show where it stopped.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncDisposable
{
    private readonly List<BrowserSession> _sessions = [];

    protected BrowserApp App { get; } = app;

    /// <summary>A new person at the browser, or a returning one with <paramref name="storageState"/> (a saved login).</summary>
    protected async Task<BrowserSession> OpenSessionAsync(string name, string? storageState = null)
    {
        var session = await App.OpenSessionAsync(name, storageState);
        _sessions.Add(session);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        foreach (var session in _sessions)
        {
            if (failed)
            {
                await session.TryScreenshotAsync($"failed-{TestContext.Current.TestMethod?.MethodName}-{session.Name.Replace(' ', '-')}");
            }
            await session.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
