namespace DipTrader.Trading.Indicators;

/// <summary>
/// Per-candle historical volatility in percent: the sample standard deviation of the last 20 log returns × 100.
/// Not annualised (neither was the predecessor's, whatever its comment said).
/// </summary>
public static class HistoricalVolatility
{
    public const int Period = 20;

    /// <summary>Null with fewer than 21 closes (20 returns) or a non-positive close.</summary>
    public static double? Last(ReadOnlySpan<double> closes)
    {
        if (closes.Length < Period + 1)
        {
            return null;
        }
        var window = closes[^(Period + 1)..];
        Span<double> returns = stackalloc double[Period];
        for (var i = 0; i < Period; i++)
        {
            if (window[i] <= 0 || window[i + 1] <= 0)
            {
                return null;
            }
            returns[i] = Math.Log(window[i + 1] / window[i]);
        }
        return Statistics.SampleStandardDeviation(returns, Statistics.Mean(returns)) * 100;
    }
}
