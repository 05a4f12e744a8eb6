namespace DipTrader.Trading.Indicators;

/// <summary>
/// Average true range: true range smoothed by an EMA with span 14 (α = 2/15, not Wilder's 1/14), as the
/// predecessor computed it. The first row's true range is its high − low.
/// </summary>
public static class Atr
{
    public const int Period = 14;

    /// <summary>The fewest rows the dynamic threshold needs (predecessor: 50).</summary>
    public const int MinRowsForThreshold = 50;

    /// <summary>The ATR at the last candle; null with fewer than <see cref="Period"/> rows.</summary>
    public static double? Last(ReadOnlySpan<double> highs, ReadOnlySpan<double> lows, ReadOnlySpan<double> closes)
    {
        var (last, _) = Compute(highs, lows, closes);
        return last;
    }

    /// <summary>
    /// The ATR at the last candle and the mean of the ATR series over the window (every candle from the
    /// 14th on, where the ATR is defined). Correction 9: the predecessor averaged the ATRs of the window's
    /// oldest prefixes instead.
    /// </summary>
    public static (double? Last, double? WindowMean) Compute(ReadOnlySpan<double> highs, ReadOnlySpan<double> lows, ReadOnlySpan<double> closes)
    {
        var n = closes.Length;
        if (highs.Length != n || lows.Length != n)
        {
            throw new ArgumentException("Highs, lows and closes must have the same length.");
        }
        if (n < Period)
        {
            return (null, null);
        }
        var alpha = Ema.Alpha(Period);
        var keep = 1 - alpha;
        var atr = highs[0] - lows[0];
        var sum = 0.0;
        for (var i = 1; i < n; i++)
        {
            var previousClose = closes[i - 1];
            // Native max: one instruction instead of Math.Max's NaN and signed-zero handling; prices are never
            // NaN, and a −0 range adds exactly as +0 does.
            var trueRange = double.MaxNative(highs[i] - lows[i], double.MaxNative(Math.Abs(highs[i] - previousClose), Math.Abs(lows[i] - previousClose)));
            atr = alpha * trueRange + keep * atr;
            if (i >= Period - 1)
            {
                sum += atr;
            }
        }
        return (atr, sum / (n - (Period - 1)));
    }
}
