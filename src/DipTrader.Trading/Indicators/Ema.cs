namespace DipTrader.Trading.Indicators;

/// <summary>
/// Exponential moving average with α = 2/(N+1), seeded with the first value of the series it is given
/// (pandas <c>ewm(span=N, adjust=False)</c>).
/// </summary>
public static class Ema
{
    public static double Alpha(int period) => 2.0 / (period + 1);

    /// <summary>The EMA at the last value.</summary>
    public static double Last(ReadOnlySpan<double> values, int period)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("An EMA needs at least one value.", nameof(values));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var alpha = Alpha(period);
        var keep = 1 - alpha;
        var ema = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            ema = alpha * values[i] + keep * ema;
        }
        return ema;
    }

    /// <summary>The EMA at every value, written to <paramref name="destination"/>.</summary>
    public static void Series(ReadOnlySpan<double> values, int period, Span<double> destination)
    {
        if (destination.Length < values.Length)
        {
            throw new ArgumentException("The destination is shorter than the values.", nameof(destination));
        }
        if (values.IsEmpty)
        {
            return;
        }
        var alpha = Alpha(period);
        var keep = 1 - alpha;
        var ema = values[0];
        destination[0] = ema;
        for (var i = 1; i < values.Length; i++)
        {
            ema = alpha * values[i] + keep * ema;
            destination[i] = ema;
        }
    }
}
