using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DipTrader.Trading.Indicators;

/// <summary>
/// EMA pairs of windows of one column of closes, remembered on the column. A replay asks for the same window
/// again (the hourly window within the hour, another pair on the symbol), for a window that grew by a few
/// closes at the same start, or for a window slid by the same step as last time; the first two continue or
/// reuse the chain, the last computes the next windows of that step side by side in one pass. Every chain
/// is seeded with its window's first close and steps exactly as <see cref="Ema.Last"/> does (multiply, multiply,
/// add; never fused), so every result is bit-identical to computing that window alone. Columns fetched live
/// hold no closes past the window, so nothing is computed ahead there.
/// </summary>
internal sealed class EmaMemo
{
    /// <summary>Windows computed together when a step repeats: eight runs ahead at most.</summary>
    private const int Lanes = 8;

    private readonly Lock _lock = new();
    private Entry[] _entries = [];

    public (double First, double Second) Last(double[] closes, int start, int count, int firstPeriod, int secondPeriod)
    {
        lock (_lock)
        {
            var entry = Find(firstPeriod, secondPeriod);
            var result = entry.Last(closes, start, count);
            entry.PreviousStart = start;
            return result;
        }
    }

    private Entry Find(int firstPeriod, int secondPeriod)
    {
        foreach (var entry in _entries)
        {
            if (entry.FirstPeriod == firstPeriod && entry.SecondPeriod == secondPeriod)
            {
                return entry;
            }
        }
        var added = new Entry(firstPeriod, secondPeriod);
        _entries = [.. _entries, added];
        return added;
    }

    private sealed class Entry(int firstPeriod, int secondPeriod)
    {
        private readonly double _alpha1 = Ema.Alpha(firstPeriod);
        private readonly double _alpha2 = Ema.Alpha(secondPeriod);

        // The last window computed alone: its start, length and both EMAs at its last close.
        private int _start = -1;
        private int _count;
        private double _ema1;
        private double _ema2;

        // Windows of length _batchCount starting at _batchStart + j × _batchStride, j < _batchWindows.
        private readonly double[] _batch1 = new double[Lanes];
        private readonly double[] _batch2 = new double[Lanes];
        private int _batchStart = -1;
        private int _batchStride;
        private int _batchCount;
        private int _batchWindows;

        public int FirstPeriod { get; } = firstPeriod;

        public int SecondPeriod { get; } = secondPeriod;

        public int PreviousStart { get; set; } = -1;

        public (double, double) Last(double[] closes, int start, int count)
        {
            if (start == _start && count == _count)
            {
                return (_ema1, _ema2);
            }
            if (count == _batchCount && _batchStart >= 0 && start >= _batchStart && (start - _batchStart) % _batchStride == 0)
            {
                var j = (start - _batchStart) / _batchStride;
                if (j < _batchWindows)
                {
                    return (_batch1[j], _batch2[j]);
                }
            }
            if (start == _start && count > _count)
            {
                // The same window with newer closes: carry the chain on.
                (_ema1, _ema2) = Step(closes.AsSpan(start + _count, count - _count), _ema1, _ema2);
                _count = count;
                return (_ema1, _ema2);
            }
            var stride = start - PreviousStart;
            if (PreviousStart >= 0 && stride > 0 && stride <= count && start + stride + count <= closes.Length)
            {
                ComputeBatch(closes, start, stride, count);
                return (_batch1[0], _batch2[0]);
            }
            var window = closes.AsSpan(start, count);
            (_ema1, _ema2) = Step(window[1..], window[0], window[0]);
            _start = start;
            _count = count;
            return (_ema1, _ema2);
        }

        private (double, double) Step(ReadOnlySpan<double> values, double ema1, double ema2)
        {
            var alpha1 = _alpha1;
            var keep1 = 1 - alpha1;
            var alpha2 = _alpha2;
            var keep2 = 1 - alpha2;
            foreach (var value in values)
            {
                ema1 = alpha1 * value + keep1 * ema1;
                ema2 = alpha2 * value + keep2 * ema2;
            }
            return (ema1, ema2);
        }

        /// <summary>The windows at start + j × stride, as many as the closes hold up to <see cref="Lanes"/>, in SIMD lanes.</summary>
        private void ComputeBatch(double[] closes, int start, int stride, int count)
        {
            var windows = Math.Min(Lanes, (closes.Length - count - start) / stride + 1);
            // Lanes past the last window repeat it: harmless work, no branch in the loop.
            ref var x = ref MemoryMarshal.GetArrayDataReference(closes);
            int Offset(int j) => start + Math.Min(j, windows - 1) * stride;
            // One reference per lane, stepped by a native-sized index: each load is one addressing mode, no index arithmetic.
            ref var x0 = ref Unsafe.Add(ref x, Offset(0));
            ref var x1 = ref Unsafe.Add(ref x, Offset(1));
            ref var x2 = ref Unsafe.Add(ref x, Offset(2));
            ref var x3 = ref Unsafe.Add(ref x, Offset(3));
            ref var x4 = ref Unsafe.Add(ref x, Offset(4));
            ref var x5 = ref Unsafe.Add(ref x, Offset(5));
            ref var x6 = ref Unsafe.Add(ref x, Offset(6));
            ref var x7 = ref Unsafe.Add(ref x, Offset(7));
            var alpha1 = Vector256.Create(_alpha1);
            var keep1 = Vector256.Create(1 - _alpha1);
            var alpha2 = Vector256.Create(_alpha2);
            var keep2 = Vector256.Create(1 - _alpha2);
            var low = Gather(ref x0, ref x1, ref x2, ref x3, 0);
            var high = Gather(ref x4, ref x5, ref x6, ref x7, 0);
            Vector256<double> lowEma1 = low, lowEma2 = low, highEma1 = high, highEma2 = high;
            for (nint t = 1; t < count; t++)
            {
                low = Gather(ref x0, ref x1, ref x2, ref x3, t);
                high = Gather(ref x4, ref x5, ref x6, ref x7, t);
                lowEma1 = alpha1 * low + keep1 * lowEma1;
                lowEma2 = alpha2 * low + keep2 * lowEma2;
                highEma1 = alpha1 * high + keep1 * highEma1;
                highEma2 = alpha2 * high + keep2 * highEma2;
            }
            lowEma1.CopyTo(_batch1);
            highEma1.CopyTo(_batch1, 4);
            lowEma2.CopyTo(_batch2);
            highEma2.CopyTo(_batch2, 4);
            _batchStart = start;
            _batchStride = stride;
            _batchCount = count;
            _batchWindows = windows;
        }

        /// <remarks>The values <paramref name="t"/> on from four lanes' starts: within the closes, as the batch only covers windows that end inside them.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Gather(ref double a, ref double b, ref double c, ref double d, nint t) =>
            Vector256.Create(Unsafe.Add(ref a, t), Unsafe.Add(ref b, t), Unsafe.Add(ref c, t), Unsafe.Add(ref d, t));
    }
}
