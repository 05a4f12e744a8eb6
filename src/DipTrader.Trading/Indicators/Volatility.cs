namespace DipTrader.Trading.Indicators;

/// <summary>Which measure declared the market highly volatile.</summary>
public enum VolatilityTrigger
{
    None,
    Atr,
    BbWidth,
    HistoricalVolatility,
}

/// <summary>The volatility measures of the 5-minute window. A null measure could not be computed.</summary>
/// <param name="AtrThreshold">The final ATR threshold (atr_factor already applied); 0 or null turns the ATR trigger off.</param>
public sealed record VolatilityMetrics(double? Atr, double? AtrThreshold, double? BbWidth, double? HistoricalVolatility)
{
    public static VolatilityMetrics None { get; } = new(null, null, null, null);
}

/// <summary>The high-volatility verdict and the trigger that decided it.</summary>
public sealed record VolatilityAssessment(bool IsHigh, VolatilityTrigger Trigger, double? Value, double? Threshold);

public static class Volatility
{
    /// <summary>
    /// High volatility when ATR exceeds its threshold, else when the Bollinger width exceeds
    /// <paramref name="bbWidthMax"/>, else when historical volatility exceeds <paramref name="histVolMax"/>;
    /// the first that holds wins. Missing (null or 0) measures never trigger.
    /// </summary>
    public static VolatilityAssessment Assess(VolatilityMetrics metrics, double bbWidthMax, double histVolMax)
    {
        if (metrics.Atr is > 0 and var atr && metrics.AtrThreshold is > 0 and var threshold && atr > threshold)
        {
            return new VolatilityAssessment(true, VolatilityTrigger.Atr, atr, threshold);
        }
        if (metrics.BbWidth is > 0 and var width && width > bbWidthMax)
        {
            return new VolatilityAssessment(true, VolatilityTrigger.BbWidth, width, bbWidthMax);
        }
        if (metrics.HistoricalVolatility is > 0 and var hv && hv > histVolMax)
        {
            return new VolatilityAssessment(true, VolatilityTrigger.HistoricalVolatility, hv, histVolMax);
        }
        return new VolatilityAssessment(false, VolatilityTrigger.None, null, null);
    }

    /// <summary>The volatility measures of a window of candles, ATR threshold = <paramref name="atrFactor"/> × the window's mean ATR.</summary>
    public static VolatilityMetrics Measure(ReadOnlySpan<double> highs, ReadOnlySpan<double> lows, ReadOnlySpan<double> closes, double atrFactor) =>
        Measure(closes, atrFactor, Indicators.Atr.Compute(highs, lows, closes), Indicators.HistoricalVolatility.Last(closes));

    /// <param name="averageTrueRange">The window's <see cref="Indicators.Atr.Compute"/>, already computed (from the memo of a replay).</param>
    /// <param name="historicalVolatility">The window's historical volatility, already computed (from remembered log returns).</param>
    internal static VolatilityMetrics Measure(ReadOnlySpan<double> closes, double atrFactor, (double? Last, double? WindowMean) averageTrueRange, double? historicalVolatility)
    {
        var (atr, meanAtr) = averageTrueRange;
        double? threshold = closes.Length >= Indicators.Atr.MinRowsForThreshold && meanAtr is { } mean ? atrFactor * mean : null;
        return new VolatilityMetrics(atr, threshold, BollingerWidth.Last(closes), historicalVolatility);
    }

    /// <summary>The predecessor's name of a trigger: <c>atr</c>, <c>bb_width</c>, <c>historical_volatility</c>.</summary>
    public static string? Code(this VolatilityTrigger trigger) => trigger switch
    {
        VolatilityTrigger.Atr => "atr",
        VolatilityTrigger.BbWidth => "bb_width",
        VolatilityTrigger.HistoricalVolatility => "historical_volatility",
        _ => null,
    };
}
