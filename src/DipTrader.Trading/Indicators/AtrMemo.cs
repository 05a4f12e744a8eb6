using System.Runtime.Intrinsics;

namespace DipTrader.Trading.Indicators;

/// <summary>
/// The ATR and its window mean (<see cref="Atr.Compute"/>) of windows of one series, remembered on its columns. A replay
/// asks for the next window one candle on at every run, so the windows of the next <see cref="Lanes"/> runs are computed
/// side by side in one pass, one per SIMD lane; every lane steps exactly as <see cref="Atr.Compute"/> does (multiply,
/// multiply, add; never fused), so every result is bit-identical to computing that window alone.
/// </summary>
internal sealed class AtrMemo(double[] highs, double[] lows, double[] closes)
{
    /// <summary>Windows computed together: eight runs ahead at most.</summary>
    public const int Lanes = 8;

    private readonly Lock _lock = new();
    private readonly double[] _last = new double[Lanes];
    private readonly double[] _mean = new double[Lanes];

    // Windows of length _count starting at _start + j, j < Lanes.
    private int _start = -1;
    private int _count;

    /// <summary>
    /// The window of <paramref name="count"/> ≥ <see cref="Atr.Period"/> candles from <paramref name="start"/>; the columns
    /// must hold the <see cref="Lanes"/> − 1 candles after it.
    /// </summary>
    public (double Last, double WindowMean) Get(int start, int count)
    {
        lock (_lock)
        {
            if (count != _count || _start < 0 || start < _start || start >= _start + Lanes)
            {
                ComputeBatch(start, count);
            }
            return (_last[start - _start], _mean[start - _start]);
        }
    }

    private void ComputeBatch(int start, int count)
    {
        var alpha = Vector256.Create(Ema.Alpha(Atr.Period));
        var keep = Vector256.Create(1 - Ema.Alpha(Atr.Period));
        // Lanes 0–3 and 4–7: the windows at start + j read the candles at start + j + i, side by side in memory.
        var low = start;
        var high = start + 4;
        var atrLow = Vector256.LoadUnsafe(ref highs[0], (nuint)low) - Vector256.LoadUnsafe(ref lows[0], (nuint)low);
        var atrHigh = Vector256.LoadUnsafe(ref highs[0], (nuint)high) - Vector256.LoadUnsafe(ref lows[0], (nuint)high);
        var sumLow = Vector256<double>.Zero;
        var sumHigh = Vector256<double>.Zero;
        for (var i = 1; i < count; i++)
        {
            atrLow = alpha * TrueRange(low + i) + keep * atrLow;
            atrHigh = alpha * TrueRange(high + i) + keep * atrHigh;
            if (i >= Atr.Period - 1)
            {
                sumLow += atrLow;
                sumHigh += atrHigh;
            }
        }
        var rows = Vector256.Create((double)(count - (Atr.Period - 1)));
        atrLow.CopyTo(_last);
        atrHigh.CopyTo(_last, 4);
        (sumLow / rows).CopyTo(_mean);
        (sumHigh / rows).CopyTo(_mean, 4);
        _start = start;
        _count = count;
    }

    /// <summary>The true ranges of the four candles from <paramref name="at"/>, each against the close before it, as <see cref="Atr.Compute"/> takes them.</summary>
    private Vector256<double> TrueRange(int at)
    {
        var h = Vector256.LoadUnsafe(ref highs[0], (nuint)at);
        var l = Vector256.LoadUnsafe(ref lows[0], (nuint)at);
        var previousClose = Vector256.LoadUnsafe(ref closes[0], (nuint)(at - 1));
        return Vector256.MaxNative(h - l, Vector256.MaxNative(Vector256.Abs(h - previousClose), Vector256.Abs(l - previousClose)));
    }
}
