using System.Net;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests.Backtests;

/// <summary>
/// The backtest pages: a user fills in the form (demo data or an uploaded CSV), the backtest runs in the background
/// with progress, and its report stays. Bad input names the field and saves nothing; nobody else sees it.
/// </summary>
public abstract class BacktestPageTests(WebAppFixture fixture)
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task A_demo_backtest_runs_in_the_background_and_its_report_is_kept()
    {
        using var user = await App.SignedInUserAsync();
        Assert.Contains("No backtests yet.", (await user.GetAsync("/backtests")).Is(HttpStatusCode.OK).Text);

        var id = BacktestSteps.Created(await user.PostFormAsync("/backtests",
            BacktestSteps.DemoForm("2026-01-01", "2026-01-03", ("Form.Name", "Three calm days"))));
        var status = await BacktestSteps.WaitUntilFinishedAsync(user, id);

        Assert.Equal("done", (string?)status["status"]);
        Assert.Equal(100, status["progress"]!.GetValue<double>(), 0.001);
        var page = (await user.GetAsync(BacktestSteps.Url(id))).Is(HttpStatusCode.OK);
        Assert.Contains("Three calm days", page.Text);
        Assert.Contains("Results", page.Text);
        Assert.Contains("Max drawdown", page.Text);
        var decisions = (await user.GetAsync(BacktestSteps.Url(id, "files/decisions.csv"))).Is(HttpStatusCode.OK);
        var lines = decisions.Html.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Three days (the last one included) at the 5-minute cadence, plus the header line.
        Assert.Equal(3 * 288 + 1 + 1, lines.Length);
        Assert.StartsWith("2026-01-01T00:00:00Z,BTCUSDT,Long,", lines[1], StringComparison.Ordinal);
        var data = (await user.ApiAsync(HttpMethod.Get, BacktestSteps.Url(id, "data"))).Is(HttpStatusCode.OK).Json!;
        Assert.True(data["prices"]!.AsArray().Count > 100);
        Assert.True(data["equity"]!.AsArray().Count > 100);
        Assert.Contains("Three calm days", (await user.GetAsync("/backtests")).Text);
    }

    [Fact]
    public async Task A_csv_upload_is_backtested_over_its_own_candles()
    {
        using var user = await App.SignedInUserAsync();
        var csv = BacktestSteps.CandleCsv(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), days: 3, symbol: "ETHUSDT");

        var answer = await BacktestSteps.PostWithCsvAsync(user, csv, "eth.csv",
            BacktestSteps.CsvForm(("Form.Symbol", "ETHUSDT"), ("Form.Side", "Short")));
        var id = BacktestSteps.Created(answer);
        var status = await BacktestSteps.WaitUntilFinishedAsync(user, id);

        Assert.Equal("done", (string?)status["status"]);
        var lines = (await user.GetAsync(BacktestSteps.Url(id, "files/decisions.csv"))).Html.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The first run comes a day after the file's first candle, so the indicators have history.
        Assert.StartsWith("2026-03-02T00:00:00Z,ETHUSDT,Short,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_csv_row_is_named_by_its_line_and_nothing_is_saved()
    {
        using var user = await App.SignedInUserAsync();
        var rows = BacktestSteps.CandleCsv(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), days: 2).Split('\n').ToList();
        rows[41] = "1772323200,100,101,oops,100.5,3";

        var answer = await BacktestSteps.PostWithCsvAsync(user, string.Join('\n', rows), "broken.csv", BacktestSteps.CsvForm());

        answer.Is(HttpStatusCode.OK);
        Assert.Contains("line 42", answer.Decoded);
        Assert.Contains("No backtests yet.", (await user.GetAsync("/backtests")).Text);
    }

    [Theory]
    [InlineData("Form.To", "2025-12-01", "The last day comes before the first day.")]
    [InlineData("Form.From", "soon", "Enter the first day as a date such as 2025-01-31")]
    [InlineData("Form.Balance", "-10", "(got -10)")]
    [InlineData("Form.Cadence", "7", "Choose a run cadence of")]
    [InlineData("Form.Seed", "seven", "Enter the seed as a whole number")]
    public async Task A_bad_field_is_named_on_the_form_and_nothing_is_queued(string field, string value, string message)
    {
        using var user = await App.SignedInUserAsync();

        var answer = await user.PostFormAsync("/backtests", BacktestSteps.DemoForm("2026-01-01", "2026-01-03", (field, value)));

        answer.Is(HttpStatusCode.OK);
        Assert.Contains(message, answer.Decoded);
        Assert.Contains("No backtests yet.", (await user.GetAsync("/backtests")).Text);
    }

    [Fact]
    public async Task Nobody_else_sees_or_touches_a_users_backtest()
    {
        using var owner = await App.SignedInUserAsync();
        var id = BacktestSteps.Created(await owner.PostFormAsync("/backtests", BacktestSteps.DemoForm("2026-01-01", "2026-01-02")));
        await BacktestSteps.WaitUntilFinishedAsync(owner, id);
        using var other = await App.SignedInUserAsync();
        using var visitor = App.NewSession();

        foreach (var page in new[] { BacktestSteps.Url(id), BacktestSteps.Url(id, "status"), BacktestSteps.Url(id, "data"), BacktestSteps.Url(id, "files/trades.csv") })
        {
            (await other.GetAsync(page)).Is(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(page)).Status);
        }
        (await other.PostFormAsync(BacktestSteps.Url(id, "delete"))).Is(HttpStatusCode.NotFound);
        Assert.DoesNotContain(BacktestSteps.Url(id), (await other.GetAsync("/backtests")).Html);
        (await owner.GetAsync(BacktestSteps.Url(id))).Is(HttpStatusCode.OK);
    }
}

public sealed class BacktestPageTestsOnSqlite(SqliteApp app) : BacktestPageTests(app), IClassFixture<SqliteApp>;

public sealed class BacktestPageTestsOnPostgres(PostgresApp app) : BacktestPageTests(app), IClassFixture<PostgresApp>;
