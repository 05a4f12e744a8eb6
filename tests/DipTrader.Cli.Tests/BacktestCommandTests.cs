using System.Text.Json;

namespace DipTrader.Cli.Tests;

/// <summary>
/// <c>diptrader backtest</c>: a run writes the whole report (JSON, CSV, HTML, PNG) and a summary; bad flags and a
/// malformed CSV row are named (with the line number), exit 2 and write nothing.
/// </summary>
public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-backtest-cli").FullName;

    private string Out => Path.Combine(_directory, "report");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_demo_backtest_writes_the_report_files_and_prints_a_summary()
    {
        var result = await CliRunner.RunAsync(["backtest", "--demo", "7", "--symbol", "BTCUSDT", "--side", "Long",
            "--from", "2026-01-01", "--to", "2026-01-03", "--balance", "5000", "--out", Out]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["decisions.csv", "report.html", "report.json", "report.png", "trades.csv", "trades.json"],
            Directory.GetFiles(Out).Select(Path.GetFileName).Where(f => f != "lightweight-charts.standalone.production.js").Order());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "report.json"), TestContext.Current.CancellationToken));
        var metrics = report.RootElement.GetProperty("metrics");
        // Two days at the 5-minute cadence, both ends included.
        Assert.Equal(2 * 24 * 12 + 1, metrics.GetProperty("runs").GetInt32());
        Assert.Equal(5000m, metrics.GetProperty("startBalance").GetDecimal());
        var decisions = await File.ReadAllLinesAsync(Path.Combine(Out, "decisions.csv"), TestContext.Current.CancellationToken);
        Assert.Equal(2 * 24 * 12 + 1 + 1, decisions.Length);
        Assert.StartsWith("2026-01-01T00:00:00Z,BTCUSDT,Long,", decisions[1], StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(Path.Combine(Out, "report.png"), TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 20_000, $"the chart is {png.Length} bytes: too small to hold three panels");
        Assert.Contains("BTCUSDT", await File.ReadAllTextAsync(Path.Combine(Out, "report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Return", result.Output, StringComparison.Ordinal);
        Assert.Contains(Out, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_backtest_runs_over_the_candles_of_the_file_with_a_config_file()
    {
        var csv = Path.Combine(_directory, "sol.csv");
        await File.WriteAllLinesAsync(csv, ["time,open,high,low,close,volume", .. Minutes(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 3 * 1440)], TestContext.Current.CancellationToken);
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, """{"target_margin": 0.2}""", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["backtest", "--csv", csv, "--symbol", "SOLUSDT", "--side", "Short", "--config", config, "--out", Out]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "report.json"), TestContext.Current.CancellationToken));
        // By default the first run comes a day after the first candle; the last at the last candle's close.
        Assert.Equal(2 * 24 * 12 + 1, report.RootElement.GetProperty("metrics").GetProperty("runs").GetInt32());
        var decisions = await File.ReadAllLinesAsync(Path.Combine(Out, "decisions.csv"), TestContext.Current.CancellationToken);
        Assert.StartsWith("2026-01-02T00:00:00Z,SOLUSDT,Short,", decisions[1], StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadFlags() => new()
    {
        { ["--symbol", "BTCUSDT"], "--csv: give a CSV of 1-minute candles" },
        { ["--demo", "7"], "--symbol: give the symbol to backtest" },
        { ["--demo", "7", "--symbol", "BTC-USD"], "--symbol: must be 3–20 upper-case letters or digits" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--side", "Up"], "--side: must be Long or Short (got \"Up\")" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--balance", "-5"], "--balance:" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--from", "2026-02-01", "--to", "2026-01-01"], "--to: must be after --from" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--from", "yesterday"], "--from:" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--leverage", "500"], "--leverage: must be a whole number from 1 to 100" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--leverage", "ten"], "--leverage: must be a whole number (got \"ten\")" },
        { ["--demo", "seven", "--symbol", "BTCUSDT"], "--demo: must be a whole number (got \"seven\")" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--ema-interval", "99999999999"], "--ema-interval: must be a whole number from -2147483648 to 2147483647 (got 99999999999)" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--ema-interval", "7"], "--ema-interval: must be one of" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--every", "soon"], "--every: must be" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--every", "2147483647h"], "--every: must be at most 7 days (168h) (got \"2147483647h\")" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--every", "90s"], "--every: must be whole minutes, at least 1m" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--from", "2000-01-01", "--to", "2026-01-01"], "--from: a demo backtest covers at most 366 days, as in the web app; this one has 9497." },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--from", "2020-01-01"], "--from: a demo backtest covers at most 366 days" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--csv", "x.csv"], "--demo: not with --csv" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--config", "missing.json"], "--config: no file at 'missing.json'" },
        { ["--csv", "missing.csv", "--symbol", "BTCUSDT"], "--csv: no file at 'missing.csv'" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--maker-fee", "cheap"], "--maker-fee:" },
        { ["--demo", "7", "--symbol", "BTCUSDT", "--config", "bad-config.json"], "--config: reduce_steps: must be a list of 1–5 [threshold %, fraction] pairs" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task A_bad_flag_is_named_exits_2_and_writes_nothing(string[] flags, string message)
    {
        var config = Path.Combine(_directory, "bad-config.json");
        await File.WriteAllTextAsync(config, """{"reduce_steps": 2}""", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["backtest", .. flags.Select(f => f == "bad-config.json" ? config : f), "--out", Out]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out), "a refused backtest must not create its report directory");
    }

    [Fact]
    public async Task A_malformed_csv_row_is_reported_with_its_line_number()
    {
        var csv = Path.Combine(_directory, "broken.csv");
        var rows = Minutes(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 10).ToList();
        rows[6] = "1767225960,100,101,99,abc,5";
        await File.WriteAllLinesAsync(csv, ["time,open,high,low,close,volume", .. rows], TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["backtest", "--csv", csv, "--symbol", "BTCUSDT", "--out", Out]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--csv:", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 8", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    /// <summary>A gentle zig-zag of 1-minute candles around 150 (the first line of a file is its header).</summary>
    private static IEnumerable<string> Minutes(DateTimeOffset start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var close = 150m + (i % 120 < 60 ? i % 60 : 60 - i % 60) * 0.05m - (i / 1440) * 2m;
            yield return FormattableString.Invariant($"{start.AddMinutes(i).ToUnixTimeSeconds()},{close},{close + 0.1m},{close - 0.1m},{close},{10 + i % 7}");
        }
    }
}
