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

    // Client order ids name the run's minute: a period under a minute would ask for the same orders again and place none.
    [Theory]
    [InlineData("--every", "30s", "--every: must be whole minutes, at least 1m")]
    [InlineData("--period", "59s", "--period: must be whole minutes, at least 1m")]
    [InlineData("--period", "90s", "--period: must be whole minutes, at least 1m")]
    [InlineData("--every", "0m", "--every: must be whole minutes, at least 1m")]
    [InlineData("--every", "2147483647h", "--every: must be at most 7 days (168h)")]
    [InlineData("--period", "2147483647h", "--period: must be at most 7 days (168h)")]
    [InlineData("--every", "9999h", "--every: must be at most 7 days (168h)")]
    [InlineData("--every", "99999999999999999999m", "--every: must be a whole number of minutes from 1m to 7 days")]
    public async Task A_run_period_under_a_minute_or_over_a_week_is_refused(string flag, string value, string message)
    {
        var result = await CliRunner.RunAsync(["run", flag, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Error.Split('\n')[0][..message.Length]);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Whole_minute_periods_in_seconds_minutes_or_hours_pass_the_flag_check()
    {
        // Nothing else is configured here, so the run stops at the missing .env values, past the flags.
        foreach (var (flag, value) in new[] { ("--every", "120s"), ("--period", "1m"), ("--every", "168h") })
        {
            var result = await CliRunner.RunAsync(["run", flag, value, "--env-file", "/dev/null"]);

            Assert.Equal(2, result.ExitCode);
            Assert.DoesNotContain(flag, result.Error);
        }
    }

    [Theory]
    [InlineData("MARKET_DATA", "bogus", "MARKET_DATA: must be one of auto, phemex, demo (got \"bogus\")")]
    [InlineData("PHEMEX_BASE_URL", "garbage", "PHEMEX_BASE_URL: must be an absolute http(s) URL")]
    [InlineData("TELEGRAM_API_URL", "garbage", "TELEGRAM_API_URL: must be an absolute http(s) URL")]
    public async Task A_bad_runtime_setting_in_the_environment_stops_the_worker_with_its_name(string name, string value, string message)
    {
        var directory = Directory.CreateTempSubdirectory("diptrader-bad-setting").FullName;
        var environment = new Dictionary<string, string> { ["ENCRYPTION_KEY"] = DipTrader.Data.Security.SecretBox.GenerateKey(), [name] = value };

        var (code, _, error) = await CliProcess.RunAsync(directory, environment, "worker");

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(Directory.GetFiles(directory)); // no database was created
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
