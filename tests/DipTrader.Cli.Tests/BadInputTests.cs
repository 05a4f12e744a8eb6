using System.Text.Json.Nodes;

namespace DipTrader.Cli.Tests;

/// <summary>Malformed snapshots and flags: a message naming the field, exit code 2, nothing on standard output.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string> BrokenSnapshots()
    {
        JsonObject Valid() => new SnapshotBuilder { MarginRatio = 0.01m, PnlRatio = -0.1m }.Build();
        string Mutate(Action<JsonObject> change)
        {
            var snapshot = Valid();
            change(snapshot);
            return snapshot.ToJsonString();
        }
        JsonObject Market(JsonObject s) => s["market"]!.AsObject();
        return new TheoryData<string, string>
        {
            { Mutate(s => s.Remove("account")), "account: is missing" },
            { Mutate(s => s["settings"]!["side"] = "long"), "settings.side: must be Long or Short" },
            { Mutate(s => s["settings"]!["leverage"] = 150), "settings.leverage: must be a whole number from 1 to 100" },
            { Mutate(s => s["settings"]!["emaInterval"] = 3), "settings.emaInterval: must be one of 1, 5, 15, 30, 60, 240, 1440" },
            { Mutate(s => s["settings"]!["config"] = JsonNode.Parse("""{"target_margin": 3}""")), "settings.config.target_margin: must be a number greater than 0 and at most 1" },
            { Mutate(s => s["settings"]!["config"] = JsonNode.Parse("""{"targetMargin": 0.1}""")), "settings.config.targetMargin: is not a strategy setting" },
            { Mutate(s => Market(s)["bid"] = "100"), "market.bid: must be a number" },
            { Mutate(s => Market(s)["ask"] = 50), "market.ask: must not be below the bid" },
            { Mutate(s => Market(s)["instrument"]!["qtyStep"] = -1), "market.instrument.qtyStep: must be a number greater than 0" },
            { Mutate(s => Market(s)["indicators"]!.AsObject().Remove("roc15")), "market.indicators.roc15: is missing" },
            { Mutate(s => Market(s)["indicators"]!["emaFifty"] = 1), "market.indicators.emaFifty: is not a known field" },
            { Mutate(s => Market(s).Remove("indicators")), "market.indicators: is missing" },
            { Mutate(s => s["account"]!["balance"] = 0), "account.balance: must be a number greater than 0" },
            { Mutate(s => s["account"]!["positions"]![0]!["markPrice"] = null), "account.positions[0].markPrice: must be a number" },
            { Mutate(s => { Market(s).Remove("indicators"); Market(s)["candles"] = JsonNode.Parse("""{"1": [[1, 1, 2, 0.5, 1.5, 10]], "5": []}"""); }), "market.candles.60: is missing" },
            { Mutate(s => { Market(s).Remove("indicators"); Market(s)["candles"] = JsonNode.Parse("""{"1": [[1, 1, 2, 0.5, 1.5]], "5": [], "60": [[1, 1, 2, 0.5, 1.5, 1]]}"""); }), "market.candles.1[0]: must be [unix seconds, open, high, low, close, volume]" },
            { Mutate(s => { Market(s).Remove("indicators"); Market(s)["candles"] = JsonNode.Parse("""{"1": [[2, 1, 2, 0.5, 1.5, 1], [1, 1, 2, 0.5, 1.5, 1]], "5": [], "60": [[1, 1, 2, 0.5, 1.5, 1]]}"""); }), "market.candles.1[1]: is not after the row before it" },
            { Mutate(s => { Market(s).Remove("indicators"); Market(s)["candles"] = JsonNode.Parse("""{"1": [[1, 1, 2, 0.5, 1.5, 1]], "5": [], "60": []}"""); }), "market.candles.60: is empty" },
            { "{\"settings\": ", "snapshot: is not valid JSON" },
            { "[]", "snapshot: must be a JSON object" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenSnapshots))]
    public async Task Broken_snapshot_names_the_field_and_exits_2(string snapshot, string message)
    {
        var result = await CliRunner.ExplainAsync(snapshot);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData(new[] { "explain", "--input", "x.json", "--colour" }, "--colour")]
    [InlineData(new[] { "explain", "--input", "x.json", "--format", "yaml" }, "yaml")]
    [InlineData(new[] { "explain" }, "--input")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "run", "--bot-id", "seven" }, "--bot-id: must be a whole number (got \"seven\")")]
    public async Task Bad_flags_get_a_message_and_exit_code_2(string[] args, string mentioned)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(mentioned, result.Error);
        Assert.Contains("--help", result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Fact]
    public async Task Missing_input_file_is_named()
    {
        var result = await CliRunner.RunAsync(["explain", "--input", "/nonexistent/snapshot.json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/snapshot.json", result.Error);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await CliRunner.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("explain", result.Output);
    }
}
