using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

public sealed class SettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Missing_config_takes_every_default(string? json)
    {
        var parsed = MartingaleSettingsJson.Parse(json);

        Assert.True(parsed.IsValid);
        Assert.Equal(MartingaleSettings.Default, parsed.Value);
        Assert.Equal(0.006m, parsed.Value!.FirstOrderMargin);
        Assert.Equal([new ReduceStep(10m, 0.5m), new ReduceStep(7.5m, 0.33m)], parsed.Value.ReduceSteps);
    }

    [Fact]
    public void Given_keys_override_their_defaults_and_the_rest_stay()
    {
        var parsed = MartingaleSettingsJson.Parse("""{"target_margin": 0.05, "post_only": false, "reduce_steps": [[7.5, 0.33], [12, 0.6]]}""");

        Assert.True(parsed.IsValid);
        var settings = parsed.Value!;
        Assert.Equal(0.05m, settings.TargetMargin);
        Assert.False(settings.PostOnly);
        Assert.Equal([new ReduceStep(12m, 0.6m), new ReduceStep(7.5m, 0.33m)], settings.ReduceStepsLargestFirst);
        Assert.Equal(0.50m, settings.MaxMargin);
    }

    [Fact]
    public void Written_settings_parse_back_to_the_same_settings()
    {
        var settings = MartingaleSettings.Default with { AddBelowPnl = -0.08m, TaperStart = 0m, ReduceSteps = [new(20m, 0.25m)], AtrFactor = 2m };

        var json = MartingaleSettingsJson.Write(settings);
        var parsed = MartingaleSettingsJson.Parse(json);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(settings, parsed.Value);
        Assert.Contains("\"add_below_pnl\":-0.08", json);
        Assert.Contains("\"reduce_steps\":[[20.0,0.25]]", json);
    }

    [Theory]
    [InlineData("first_order_margin", "0", "greater than 0 and at most 0.5")]
    [InlineData("first_order_margin", "0.51", "greater than 0 and at most 0.5")]
    [InlineData("target_margin", "1.01", "at most 1")]
    [InlineData("min_profit_of_balance", "-0.001", "at least 0")]
    [InlineData("take_profit_pnl", "10.5", "at most 10")]
    [InlineData("add_below_pnl", "0", "less than 0")]
    [InlineData("add_below_pnl", "-1.01", "at least -1")]
    [InlineData("safe_decline_factor", "0.4", "at least 0.5")]
    [InlineData("max_margin", "0", "greater than 0")]
    [InlineData("taper_start", "1", "less than 1")]
    [InlineData("critical_margin_level", "0.9", "at least 1")]
    [InlineData("warning_margin_level", "11", "at most 10")]
    [InlineData("bb_width_max", "0", "greater than 0")]
    [InlineData("hist_vol_max", "101", "at most 100")]
    [InlineData("atr_factor", "\"1.5\"", "a number")]
    public void Out_of_range_or_mistyped_values_name_the_key_and_the_range(string key, string value, string allowed)
    {
        var parsed = MartingaleSettingsJson.Parse($$"""{"{{key}}": {{value}}}""");

        Assert.False(parsed.IsValid);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(key, error.Field);
        Assert.Contains(allowed, error.Message);
    }

    [Theory]
    [InlineData("""[]""", "reduce_steps")]
    [InlineData("""[[1,0.1],[2,0.1],[3,0.1],[4,0.1],[5,0.1],[6,0.1]]""", "reduce_steps")]
    [InlineData("""[[0, 0.5]]""", "reduce_steps[0]")]
    [InlineData("""[[101, 0.5]]""", "reduce_steps[0]")]
    [InlineData("""[[10, 1]]""", "reduce_steps[0]")]
    [InlineData("""[[10, 0.5], [7.5]]""", "reduce_steps[1]")]
    [InlineData("""[[10, 0.5], [10, 0.2]]""", "reduce_steps[1]")]
    [InlineData("""{"10": 0.5}""", "reduce_steps")]
    public void Bad_reduce_steps_name_the_step(string steps, string field)
    {
        var parsed = MartingaleSettingsJson.Parse($$"""{"reduce_steps": {{steps}}}""");

        Assert.False(parsed.IsValid);
        Assert.Equal(field, Assert.Single(parsed.Errors).Field);
    }

    [Fact]
    public void Unknown_key_is_an_error_listing_the_known_keys()
    {
        var parsed = MartingaleSettingsJson.Parse("""{"target_margn": 0.02}""");

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("target_margn", error.Field);
        Assert.Contains("target_margin", error.Message);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once()
    {
        var parsed = MartingaleSettingsJson.Parse("""{"target_margin": 2, "post_only": "yes", "atr_factor": 0}""");
        Assert.Equal(["target_margin", "post_only", "atr_factor"], parsed.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{not json")]
    public void Config_that_is_not_an_object_is_refused(string json)
    {
        var parsed = MartingaleSettingsJson.Parse(json);
        Assert.Equal("config", Assert.Single(parsed.Errors).Field);
    }

    [Fact]
    public void Description_lists_every_key_with_its_default()
    {
        var keys = MartingaleSettingsJson.Describe();

        Assert.Equal(15, keys.Count);
        Assert.Equal(MartingaleSettingsJson.KeyNames.Order(), keys.Select(k => k.Key).Order());
        Assert.Equal("0.02", keys.Single(k => k.Key == "target_margin").DefaultValue);
        Assert.Equal("(0, 1]", keys.Single(k => k.Key == "target_margin").Allowed);
    }

    [Theory]
    [InlineData("btcusdt", 10, 1, "symbol")]
    [InlineData("BTCUSDT", 0, 1, "leverage")]
    [InlineData("BTCUSDT", 101, 1, "leverage")]
    [InlineData("BTCUSDT", 10, 3, "emaInterval")]
    [InlineData("BTCUSDT", 10, 10080, "emaInterval")]
    public void Pair_settings_name_the_bad_field(string symbol, int leverage, int interval, string field)
    {
        var pair = new PairSettings(symbol, Trading.Market.PositionSide.Long, leverage, interval, true, MartingaleSettings.Default);
        Assert.Equal(field, Assert.Single(pair.Validate()).Field);
    }
}
