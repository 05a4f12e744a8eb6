using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DipTrader.Browser.Tests;

/// <summary>A paper bot from creation to deletion, with its runs, their reasons and the charts, as its owner sees them.</summary>
public sealed class PaperBotTests(BrowserApp app) : BrowserTest(app)
{
    private const string BotName = "Paper dip bot";

    // Every run names the rule that decided (W, P2–P8, N1–N5, T1–T4, CAP) and says why.
    private static readonly Regex Rule = new("^(W|P[2-8]|N[1-5]|T[1-4]|CAP)$");

    /// <summary>
    /// Per chart container: its canvases, and how many pixels of the biggest one (the plot pane) are "ink":
    /// drawn and darker than the white background and the pale grid.
    /// </summary>
    private const string ChartInk = """
        () => Array.from(document.querySelectorAll("#bot-charts [data-chart]")).map((box) => {
          const canvases = Array.from(box.querySelectorAll("canvas")).filter((c) => c.width > 0 && c.height > 0);
          const pane = canvases.reduce((big, c) => (big === null || c.width * c.height > big.width * big.height ? c : big), null);
          const ink = (canvas) => {
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] > 0 && Math.min(data[i], data[i + 1], data[i + 2]) < 225) {
                count++;
              }
            }
            return count;
          };
          return {
            name: box.dataset.chart,
            canvases: canvases.length,
            paneWidth: pane ? pane.width : 0,
            paneHeight: pane ? pane.height : 0,
            paneInk: pane ? ink(pane) : 0,
            allInk: canvases.reduce((sum, c) => sum + ink(c), 0),
          };
        })
        """;

    [Fact]
    public async Task Paper_bot_runs_with_its_rule_and_reason_draws_its_charts_then_stops_and_is_deleted()
    {
        var admin = await App.AdminAsync();
        var session = await OpenSessionAsync("the admin", admin.StorageState);
        var page = session.Page;

        // A paper bot that runs every "minute" (2 s here).
        await session.GoAsync("/bots/new");
        await page.GetByLabel("Name").FillAsync(BotName);
        await page.GetByLabel("Paper (simulated account)").CheckAsync();
        await page.GetByLabel("Run every").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create bot" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/bots/\d+$"));
        var botPath = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("h1")).ToHaveTextAsync(BotName);
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Add a trading pair, then start it.");
        var status = page.Locator(".bot-header [data-status]");
        await Expect(status).ToHaveAttributeAsync("data-status", "stopped");

        // BTCUSDT Long with the default strategy settings.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "+ Add pair" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/pairs/new$"));
        await page.Locator("#Form_Symbol").FillAsync("BTCUSDT");
        await page.Locator("#Form_Side").SelectOptionAsync("Long");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add pair", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(botPath)}(#pairs)?$"));
        var pairs = page.Locator("#pairs table.pairs tbody tr");
        await Expect(pairs).ToHaveCountAsync(1);
        await Expect(pairs.First).ToContainTextAsync("BTCUSDT");
        await Expect(pairs.First).ToContainTextAsync("Long");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Bot started");
        await Expect(status).ToHaveAttributeAsync("data-status", "running");

        // Runs appear in the history as the scheduler runs the bot. The charts plot a point per second: wait for
        // runs in two different seconds (a busy machine can fire late runs back to back), so each chart has a line.
        var runs = page.Locator("#runs table.runs tbody tr");
        await Poll.UntilAsync("runs in two different seconds in the bot page's run history", TimeSpan.FromSeconds(45), async () =>
        {
            await page.ReloadAsync();
            var times = await page.Locator("#runs table.runs tbody tr td:first-child").AllInnerTextsAsync();
            return times.Distinct(StringComparer.Ordinal).Count() >= 2;
        });
        var newest = runs.First;
        var cells = newest.Locator("td");
        await Expect(cells.Nth(1)).ToHaveTextAsync("BTCUSDT");
        await Expect(cells.Nth(2)).ToHaveTextAsync("Long");
        await Expect(cells.Nth(3)).ToHaveTextAsync(Rule);
        await Expect(cells.Nth(4).Locator(".badge")).ToHaveTextAsync(new Regex("^(Hold|Open|Add|Reduce|Close)$"));
        var reason = (await cells.Nth(5).InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrWhiteSpace(reason), "The newest run has no reason.");
        var rule = (await cells.Nth(3).InnerTextAsync()).Trim();

        // The charts: every container has a canvas with something drawn on its plot pane.
        await Expect(page.Locator("[data-chart-status]")).ToHaveTextAsync(new Regex(@"^\d+ runs from .* UTC\.$"));
        await AssertChartsDrawnAsync(page);
        await session.ScreenshotAsync("bot-page");

        // The run's own page: the same rule and reason, with the figures behind them.
        await newest.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "details" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"{Regex.Escape(botPath)}/runs/\d+$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("BTCUSDT Long");
        await Expect(page.Locator(".badge.rule")).ToHaveTextAsync($"rule {rule}");
        await Expect(page.Locator("p.conclusion")).ToHaveTextAsync(reason);
        await Expect(page.Locator(".run-facts .card").First).ToBeVisibleAsync();
        // Each figure has room to be read (a long label once squeezed the values to a digit per line).
        var narrowest = await page.EvaluateAsync<double>("() => Math.min(...Array.from(document.querySelectorAll('.run-facts dd'), (dd) => dd.getBoundingClientRect().width))");
        Assert.True(narrowest >= 60, $"A figure on the run page is only {narrowest:0} px wide.");
        await session.ScreenshotAsync("run-detail");

        // The dashboard lists it as running.
        await session.GoAsync("/dashboard");
        var listed = page.Locator("table tbody tr", new PageLocatorOptions { HasText = BotName });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator(".badge")).ToHaveTextAsync("running");
        await session.ScreenshotAsync("dashboard");

        // Stop, then delete through the confirmation page.
        await session.GoAsync(botPath);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Stop", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Bot stopped.");
        await Expect(status).ToHaveAttributeAsync("data-status", "stopped");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(botPath)}/delete$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Delete “{BotName}”?");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete the bot" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator(".alert-success")).ToHaveTextAsync($"Bot \"{BotName}\" deleted.");
        await Expect(page.Locator(".card.empty")).ToContainTextAsync("No bots yet.");
        var gone = await session.Context.APIRequest.GetAsync(botPath);
        Assert.Equal(404, gone.Status);

        session.AssertNoBrowserProblems();
    }

    private static async Task AssertChartsDrawnAsync(IPage page)
    {
        var charts = (await page.EvaluateAsync<JsonElement>(ChartInk)).EnumerateArray().ToList();
        var names = charts.Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["price", "balance", "pnl", "margin"], names);
        foreach (var chart in charts)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"chart {chart}");
            var name = chart.GetProperty("name").GetString();
            Assert.True(chart.GetProperty("canvases").GetInt32() > 0, $"The {name} chart has no canvas.");
            Assert.True(chart.GetProperty("paneWidth").GetInt32() > 100 && chart.GetProperty("paneHeight").GetInt32() > 50, $"The {name} chart's canvas is too small: {chart}.");
            Assert.True(chart.GetProperty("paneInk").GetInt32() > 0, $"Nothing is drawn on the {name} chart: {chart}.");
        }
    }
}
