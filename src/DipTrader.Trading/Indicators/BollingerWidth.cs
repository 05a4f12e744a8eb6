namespace DipTrader.Trading.Indicators;

/// <summary>Bollinger band width in percent of the middle band: (upper − lower) / SMA × 100 over 20 closes, 2σ, sample std.</summary>
public static class BollingerWidth
{
    public const int Period = 20;
    public const double Deviations = 2.0;

    /// <summary>The width at the last close; null with fewer than 20 closes or a zero mean.</summary>
    public static double? Last(ReadOnlySpan<double> closes)
    {
        if (closes.Length < Period)
        {
            return null;
        }
        var window = closes[^Period..];
        var mean = Statistics.Mean(window);
        if (mean == 0)
        {
            return null;
        }
        var sigma = Statistics.SampleStandardDeviation(window, mean);
        return 2 * Deviations * sigma / mean * 100;
    }
}
