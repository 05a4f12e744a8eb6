using DipTrader.Trading.Indicators;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>Every indicator against values computed by Reference/indicators.py on the same candles.</summary>
public sealed class ReferenceValueTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> AllSeries => [.. ReferenceData.SeriesNames];

    [Theory]
    [MemberData(nameof(AllSeries))]
    public void Ema_matches_the_reference_for_spans_50_100_and_200(string series)
    {
        var closes = ReferenceData.Candles(series).Closes;
        AssertClose(ReferenceData.Value(series, "ema50"), Ema.Last(closes, 50));
        AssertClose(ReferenceData.Value(series, "ema100"), Ema.Last(closes, 100));
        AssertClose(ReferenceData.Value(series, "ema200"), Ema.Last(closes, 200));
    }

    [Theory]
    [MemberData(nameof(AllSeries))]
    public void Atr_and_its_window_threshold_match_the_reference(string series)
    {
        var c = ReferenceData.Candles(series);
        var metrics = Volatility.Measure(c.Highs, c.Lows, c.Closes, atrFactor: 1.5);
        AssertClose(ReferenceData.Value(series, "atr"), metrics.Atr);
        AssertClose(ReferenceData.Value(series, "atr_threshold"), metrics.AtrThreshold);
    }

    [Theory]
    [MemberData(nameof(AllSeries))]
    public void Bollinger_width_and_historical_volatility_match_the_reference(string series)
    {
        var closes = ReferenceData.Candles(series).Closes;
        AssertClose(ReferenceData.Value(series, "bb_width"), BollingerWidth.Last(closes));
        AssertClose(ReferenceData.Value(series, "hist_vol"), HistoricalVolatility.Last(closes));
    }

    [Theory]
    [MemberData(nameof(AllSeries))]
    public void Decline_velocity_inputs_score_and_type_match_the_reference(string series)
    {
        var c = ReferenceData.Candles(series);
        var inputs = DeclineVelocity.Measure(c.Closes, c.Volumes);
        var assessment = DeclineVelocity.Assess(inputs);
        Assert.Equal(ReferenceData.Text(series, "decline_type"), assessment.Type.Code());
        if (inputs is null)
        {
            Assert.Null(ReferenceData.Value(series, "roc5"));
            return;
        }
        AssertClose(ReferenceData.Value(series, "roc5"), inputs.Roc5);
        AssertClose(ReferenceData.Value(series, "roc15"), inputs.Roc15);
        AssertClose(ReferenceData.Value(series, "roc30"), inputs.Roc30);
        AssertClose(ReferenceData.Value(series, "smoothness"), inputs.SmoothnessRatio);
        AssertClose(ReferenceData.Value(series, "volume_ratio"), inputs.VolumeRatio);
        AssertClose(ReferenceData.Value(series, "score"), assessment.Score);
    }

    [Fact]
    public void Reference_data_covers_every_decline_type_and_short_windows()
    {
        var types = ReferenceData.SeriesNames.Select(s => ReferenceData.Text(s, "decline_type")).Distinct().Order();
        Assert.Equal(["CRASH", "FAST_DECLINE", "MODERATE_DECLINE", "SLOW_DECLINE", "UNKNOWN"], types);
    }

    private static void AssertClose(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        var scale = Math.Max(1, Math.Abs(expected.Value));
        Assert.True(Math.Abs(expected.Value - actual.Value) <= Tolerance * scale, $"expected {expected:R}, got {actual:R}");
    }
}
