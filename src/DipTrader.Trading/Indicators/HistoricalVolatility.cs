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
        return Of(returns);
    }

    /// <summary>As <see cref="Last"/>, from the window's log returns (NaN where a close is not positive; see <see cref="LogReturnMemo"/>).</summary>
    internal static double? FromReturns(ReadOnlySpan<double> logReturns)
    {
        if (logReturns.Length < Period)
        {
            return null;
        }
        var returns = logReturns[^Period..];
        foreach (var value in returns)
        {
            if (double.IsNaN(value))
            {
                return null;
            }
        }
        return Of(returns);
    }

    private static double Of(ReadOnlySpan<double> returns) => Statistics.SampleStandardDeviation(returns, Statistics.Mean(returns)) * 100;
}
