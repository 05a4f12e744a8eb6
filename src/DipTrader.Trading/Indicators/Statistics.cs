namespace DipTrader.Trading.Indicators;

internal static class Statistics
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }

    /// <summary>Standard deviation with n − 1 in the denominator (pandas' default, ddof = 1).</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values, double mean)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            sum += d * d;
        }
        return Math.Sqrt(sum / (values.Length - 1));
    }
}
