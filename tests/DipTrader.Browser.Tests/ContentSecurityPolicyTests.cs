using Microsoft.Playwright;

namespace DipTrader.Browser.Tests;

/// <summary>
/// The CSP allows no inline script or style, so every page must work from its files alone. Each flow checks its
/// own pages; this test tours the pages the flows do not reach and proves the check would see a violation.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly string[] AdminPages =
    [
        "/", "/dashboard", "/bots/new", "/account", "/account/password", "/account/telegram",
        "/admin", "/admin/users", "/admin/bots", "/admin/scheduler", "/admin/audit",
    ];

    [Fact]
    public async Task Pages_run_under_a_strict_CSP_without_violations_or_script_errors()
    {
        var admin = await App.AdminAsync();
        var session = await OpenSessionAsync("the admin", admin.StorageState);
        var page = session.Page;
        foreach (var path in AdminPages)
        {
            var response = await session.GoAsync(path);
            var policy = await response.HeaderValueAsync("content-security-policy");
            Assert.NotNull(policy);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // The new-bot form's script shows the Phemex-only fields (keys, testnet) only for Phemex.
        await session.GoAsync("/bots/new");
        var apiKey = page.Locator("#ApiKey");
        await page.GetByLabel("Phemex", new PageGetByLabelOptions { Exact = true }).CheckAsync();
        await Expect(apiKey).ToBeVisibleAsync();
        await page.GetByLabel("Paper (simulated account)").CheckAsync();
        await Expect(apiKey).ToBeHiddenAsync();
        session.AssertNoBrowserProblems();

        var visitor = await OpenSessionAsync("a visitor");
        await visitor.GoAsync("/");
        await visitor.GoAsync("/login");
        visitor.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task An_inline_script_is_blocked_and_reported()
    {
        var visitor = await OpenSessionAsync("a visitor");
        await visitor.GoAsync("/");
        var blocked = await Assert.ThrowsAsync<PlaywrightException>(() =>
            visitor.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = "window.inlineScriptRan = true;" }));
        Assert.Contains("Content Security Policy", blocked.Message, StringComparison.Ordinal);

        await Poll.UntilAsync("the CSP violation on the console", TimeSpan.FromSeconds(10),
            () => Task.FromResult(visitor.Problems.Any(p => p.Contains("CSP violation: script-src", StringComparison.Ordinal))));
        Assert.False(await visitor.Page.EvaluateAsync<bool>("() => window.inlineScriptRan === true"));
    }
}
