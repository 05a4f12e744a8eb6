namespace DipTrader.Cli.Tests;

/// <summary>diptrader explain reaches every rule of the decision procedure, for Long and for Short.</summary>
public sealed class RuleCoverageTests
{
    private static readonly SnapshotBuilder Danger = new() { Roc5 = -6, Roc15 = -6 };

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new (string Rule, string Action, SnapshotBuilder Snapshot)[]
        {
            ("W", "Hold", new() { MarginRatio = 0.01m, PnlRatio = -0.2m, Ema200Offset = -1m }),
            ("P2", "Add", new() { MarginRatio = 0.05m, PnlRatio = -0.2m, MarginLevel = 1.8m, Ema200Offset = -1m }),
            ("P3", "Add", new() { MarginRatio = 0.01m, PnlRatio = -0.2m }),
            ("P4", "Add", new() { MarginRatio = 0.015m, PnlRatio = -0.01m, Config = """{"safe_decline_factor": 0.5}""" }),
            ("P5", "Add", new() { MarginRatio = 0.04m, PnlRatio = -0.1m }),
            ("P6", "Hold", Danger with { MarginRatio = 0.01m, PnlRatio = -0.2m }),
            ("P7", "Hold", new() { MarginRatio = 0.04m, PnlRatio = -0.1m, BbWidth = 9 }),
            ("P8", "Hold", new() { MarginRatio = 0.04m, PnlRatio = -0.01m }),
            ("N1", "Open", new()),
            ("N2", "Hold", Danger),
            ("N3", "Hold", new() { BbWidth = 9 }),
            ("N4", "Hold", new() { Ema100H1Offset = -1m }),
            ("N5", "Hold", new() { AutomaticMode = false }),
            ("T1", "Reduce", new() { MarginRatio = 0.08m, PnlRatio = 0.05m }),
            ("T2", "Reduce", new() { MarginRatio = 0.11m, PnlRatio = 0.05m }),
            ("T3", "Close", new() { MarginRatio = 0.05m, PnlRatio = 0.12m }),
            ("T4", "Hold", new() { MarginRatio = 0.05m, PnlRatio = 0.08m }),
            ("CAP", "Hold", new() { MarginRatio = 0.5m, PnlRatio = -0.1m }),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (rule, action, snapshot) in cases)
        {
            data.Add(rule, action, snapshot.Json());
            data.Add(rule, action, (snapshot with { Side = "Short" }).Json());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Snapshot_reaches_the_rule(string rule, string action, string snapshot)
    {
        var result = await CliRunner.ExplainAsync(snapshot);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(rule, result.Json.GetProperty("rule").GetString());
        Assert.Equal(action, result.Json.GetProperty("action").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.Json.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Output_carries_the_decision_and_the_derived_values_it_used()
    {
        var result = await CliRunner.ExplainAsync(new SnapshotBuilder { MarginRatio = 0.04m, PnlRatio = -0.1m, MarginLevel = 1.4m, BbWidth = 9 }.Json());

        var json = result.Json;
        foreach (var name in new[] { "rule", "action", "side", "quantity", "price", "reduceOnly", "postOnly", "reason", "alerts", "pnlRatio", "marginRatio", "marginLevel", "declineType", "velocityScore", "highVolatility", "trigger" })
        {
            Assert.True(json.TryGetProperty(name, out _), $"missing {name}");
        }
        Assert.Equal("P2", json.GetProperty("rule").GetString());
        Assert.Equal(-0.1m, json.GetProperty("pnlRatio").GetDecimal());
        Assert.Equal(0.04m, json.GetProperty("marginRatio").GetDecimal());
        Assert.Equal(1.4m, decimal.Round(json.GetProperty("marginLevel").GetDecimal(), 10));
        Assert.Equal("bb_width", json.GetProperty("trigger").GetString());
        Assert.True(json.GetProperty("highVolatility").GetBoolean());
        var kinds = json.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["marginWarning", "highVolatility"], kinds);
    }
}
