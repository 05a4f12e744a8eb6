using DipTrader.Trading.Indicators;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>The high-volatility triggers and the velocity score at their thresholds.</summary>
public sealed class VolatilityAndDeclineTests
{
    [Theory]
    [InlineData(150.01, 150.0, true)]
    [InlineData(150.0, 150.0, false)]
    [InlineData(200.0, 0.0, false)]
    public void Atr_triggers_only_strictly_above_a_positive_threshold(double atr, double threshold, bool high)
    {
        var result = Volatility.Assess(new VolatilityMetrics(atr, threshold, null, null), 8.0, 5.0);

        Assert.Equal(high, result.IsHigh);
        Assert.Equal(high ? VolatilityTrigger.Atr : VolatilityTrigger.None, result.Trigger);
    }

    [Theory]
    [InlineData(8.01, true)]
    [InlineData(8.0, false)]
    public void Bollinger_width_triggers_strictly_above_its_maximum(double width, bool high)
    {
        Assert.Equal(high, Volatility.Assess(new VolatilityMetrics(null, null, width, null), 8.0, 5.0).IsHigh);
    }

    [Theory]
    [InlineData(5.01, true)]
    [InlineData(5.0, false)]
    public void Historical_volatility_triggers_strictly_above_its_maximum(double hv, bool high)
    {
        Assert.Equal(high, Volatility.Assess(new VolatilityMetrics(null, null, null, hv), 8.0, 5.0).IsHigh);
    }

    [Fact]
    public void First_trigger_in_atr_bb_hv_order_wins()
    {
        var all = new VolatilityMetrics(300, 150, 9, 6);

        Assert.Equal(VolatilityTrigger.Atr, Volatility.Assess(all, 8, 5).Trigger);
        Assert.Equal(VolatilityTrigger.BbWidth, Volatility.Assess(all with { Atr = 100 }, 8, 5).Trigger);
        Assert.Equal(VolatilityTrigger.HistoricalVolatility, Volatility.Assess(all with { Atr = 100, BbWidth = 7 }, 8, 5).Trigger);
    }

    [Theory]
    [InlineData(-5.01, 40)]
    [InlineData(-5.0, 25)]
    [InlineData(-3.01, 25)]
    [InlineData(-3.0, 10)]
    [InlineData(-1.01, 10)]
    [InlineData(-1.0, 0)]
    public void Roc5_scores_at_its_breakpoints(double roc5, double score)
    {
        // ROC-15 equal to ROC-5: smoothness 1, no points; no volume data.
        Assert.Equal(score, DeclineVelocity.Assess(new DeclineInputs(roc5, roc5, null, null)).Score);
    }

    [Theory]
    [InlineData(2.51, 30)]
    [InlineData(2.5, 15)]
    [InlineData(1.51, 15)]
    [InlineData(1.5, 0)]
    public void Smoothness_scores_at_its_breakpoints(double ratio, double score)
    {
        Assert.Equal(score, DeclineVelocity.Assess(new DeclineInputs(ratio * 0.5, 0.5, null, null)).Score);
    }

    [Theory]
    [InlineData(3.01, 30)]
    [InlineData(3.0, 15)]
    [InlineData(2.01, 15)]
    [InlineData(2.0, 0)]
    public void Volume_ratio_scores_at_its_breakpoints(double ratio, double score)
    {
        Assert.Equal(score, DeclineVelocity.Assess(new DeclineInputs(0, 0, null, ratio)).Score);
    }

    [Theory]
    [InlineData(-6, -6, 3.5, 70, DeclineType.Crash)]
    [InlineData(-4, -4, 2.5, 40, DeclineType.FastDecline)]
    [InlineData(-4, -4, 1.0, 25, DeclineType.ModerateDecline)]
    [InlineData(-2, -2, 2.5, 25, DeclineType.ModerateDecline)]
    [InlineData(-2, -2, 1.0, 10, DeclineType.SlowDecline)]
    [InlineData(-6, -1, 3.5, 100, DeclineType.Crash)]
    public void Score_maps_to_a_decline_type_at_70_40_and_20(double roc5, double roc15, double volume, double score, DeclineType type)
    {
        var assessment = DeclineVelocity.Assess(new DeclineInputs(roc5, roc15, null, volume));

        Assert.Equal(score, assessment.Score);
        Assert.Equal(type, assessment.Type);
    }

    [Fact]
    public void Zero_roc15_means_a_smoothness_of_one()
    {
        Assert.Equal(1.0, new DeclineInputs(-3, 0, null, null).SmoothnessRatio);
    }

    [Fact]
    public void Too_few_candles_give_an_unknown_decline_that_is_neither_safe_nor_dangerous()
    {
        var closes = Enumerable.Range(0, 29).Select(i => 100.0 - i).ToArray();
        var assessment = DeclineVelocity.Assess(DeclineVelocity.Measure(closes, closes));

        Assert.Equal(DeclineType.Unknown, assessment.Type);
        Assert.False(assessment.IsSafe);
        Assert.False(assessment.IsDangerous);
    }

    [Fact]
    public void Atr_threshold_needs_fifty_candles()
    {
        var rows = Enumerable.Range(0, 49).Select(i => 100.0 + (i % 3)).ToArray();
        var metrics = Volatility.Measure(rows, rows.Select(r => r - 1).ToArray(), rows, 1.5);

        Assert.NotNull(metrics.Atr);
        Assert.Null(metrics.AtrThreshold);
    }

    [Fact]
    public void Ema_is_seeded_with_the_first_value_of_its_series()
    {
        Assert.Equal(10.0, Ema.Last([10.0], 50));
        Assert.Equal(10.0 + (2.0 / 3.0) * 2.0, Ema.Last([10.0, 12.0], 2), 12);
    }
}
