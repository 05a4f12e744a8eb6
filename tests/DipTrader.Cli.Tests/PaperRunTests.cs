using System.Text.Json;

namespace DipTrader.Cli.Tests;

/// <summary><c>diptrader run</c> with <c>EXCHANGE=paper</c> over the demo market: offline, with a paper account that persists between runs.</summary>
public sealed class PaperRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"diptrader-paper-{Guid.NewGuid():N}");

    public PaperRunTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, ".env"), """
            EXCHANGE=paper
            MARKET_DATA=demo
            PAPER_BALANCE=2500
            SYMBOL=BTCUSDT:Long:True,ETHUSDT:Short:True,SOLUSDT:Long:False
            EMA_INTERVAL=5
            """);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Paper_bot_over_the_demo_market_runs_every_pair_offline_and_keeps_its_account()
    {
        var first = await CliProcess.RunAsync(_directory, new Dictionary<string, string> { ["PHEMEX_BASE_URL"] = "http://127.0.0.1:9" }, "run", "--period", "1m", "--log-format", "json");
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var second = await CliProcess.RunAsync(_directory, new Dictionary<string, string> { ["PHEMEX_BASE_URL"] = "http://127.0.0.1:9" }, "run", "--period", "1m", "--log-format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var conclusions = Conclusions(first.Output);
        Assert.Equal(3, conclusions.Count);
        Assert.All(conclusions, c => Assert.Matches("^(W|P[2-8]|N[1-5]|T[1-4]|CAP) (Hold|Open|Add|Reduce|Close): ", c));
        Assert.Contains(conclusions, c => c.StartsWith("N5", StringComparison.Ordinal)); // SOLUSDT is manual
        var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "data", "paper", "standalone.json"), TestContext.Current.CancellationToken));
        Assert.Equal(2500m, state.RootElement.GetProperty("initialBalance").GetDecimal());
        Assert.True(File.Exists(Path.Combine(_directory, "data", "pair-state.json")));
    }

    private static List<string> Conclusions(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(j => j.TryGetProperty("State", out var s) && s.TryGetProperty("Conclusion", out _))
            .Select(j => j.GetProperty("State").GetProperty("Conclusion").GetString()!)];
}
