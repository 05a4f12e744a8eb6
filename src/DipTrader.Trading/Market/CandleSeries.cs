using System.Runtime.CompilerServices;
using DipTrader.Trading.Indicators;

namespace DipTrader.Trading.Market;

/// <summary>
/// Closed candles of one interval, oldest first, stored column by column so indicators read
/// <see cref="double"/> spans without copying. A series is an immutable view: slicing shares the columns,
/// which is what lets a backtest hand out a 1000-candle window per decision for free.
/// </summary>
public sealed class CandleSeries
{
    private readonly Columns _columns;
    private readonly int _start;

    private CandleSeries(int intervalMinutes, Columns columns, int start, int count)
    {
        IntervalMinutes = intervalMinutes;
        _columns = columns;
        _start = start;
        Count = count;
    }

    public int IntervalMinutes { get; }

    public int Count { get; }

    public static CandleSeries Empty(int intervalMinutes) => From(intervalMinutes, []);

    /// <summary>Builds a series; candles must be in ascending time order.</summary>
    public static CandleSeries From(int intervalMinutes, IReadOnlyList<Candle> candles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMinutes, 1);
        var columns = new Columns(candles.Count);
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            if (i > 0 && c.OpenTime <= candles[i - 1].OpenTime)
            {
                throw new ArgumentException($"Candles must be in ascending time order; row {i} is not.", nameof(candles));
            }
            columns.Set(i, c);
        }
        return new CandleSeries(intervalMinutes, columns, 0, candles.Count);
    }

    public Candle this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return _columns.Get(_start + index);
        }
    }

    public Candle Last => this[Count - 1];

    /// <summary>
    /// The close of the candle at <paramref name="index"/>, without reading its other figures: a replay asks for the
    /// latest close on every run, and each figure of a candle is a cache line of its own column.
    /// </summary>
    public decimal CloseAt(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return _columns.Close[_start + index];
    }

    public ReadOnlySpan<long> OpenTimes => _columns.Time.AsSpan(_start, Count);

    public ReadOnlySpan<double> Closes => _columns.CloseD.AsSpan(_start, Count);

    public ReadOnlySpan<double> Highs => _columns.HighD.AsSpan(_start, Count);

    public ReadOnlySpan<double> Lows => _columns.LowD.AsSpan(_start, Count);

    public ReadOnlySpan<double> Volumes => _columns.VolumeD.AsSpan(_start, Count);

    /// <summary>
    /// The EMAs of two periods at this window's last close, each seeded with its first close (as
    /// <see cref="Ema.Last"/>), remembered on the shared columns so a replay's overlapping windows cost little.
    /// </summary>
    internal (double First, double Second) LastEmas(int firstPeriod, int secondPeriod)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("An EMA needs at least one value.");
        }
        var memo = _columns.EmaMemo ?? Interlocked.CompareExchange(ref _columns.EmaMemo, new EmaMemo(), null) ?? _columns.EmaMemo;
        return memo.Last(_columns.CloseD, _start, Count, firstPeriod, secondPeriod);
    }

    /// <summary>
    /// The log returns of this window's last <paramref name="count"/> pairs of consecutive closes (fewer when it has
    /// fewer), NaN where a close is not positive, remembered on the shared columns (<see cref="LogReturnMemo"/>).
    /// </summary>
    internal ReadOnlySpan<double> LastLogReturns(int count)
    {
        var take = Math.Min(count, Count - 1);
        if (take <= 0)
        {
            return [];
        }
        var memo = _columns.LogReturns ?? Interlocked.CompareExchange(ref _columns.LogReturns, new LogReturnMemo(_columns.CloseD), null) ?? _columns.LogReturns;
        return memo.Get(_start + Count - 1 - take, take);
    }

    /// <summary>
    /// <see cref="Atr.Compute"/> of this window, remembered on the shared columns (<see cref="AtrMemo"/>) when they hold
    /// the candles of the next windows, as a replay's do; computed alone otherwise (a live window).
    /// </summary>
    internal (double? Last, double? WindowMean) AverageTrueRange()
    {
        if (Count < Atr.Period || _start + Count + AtrMemo.Lanes - 1 > _columns.Time.Length)
        {
            return Atr.Compute(Highs, Lows, Closes);
        }
        var memo = _columns.AtrMemo ?? Interlocked.CompareExchange(ref _columns.AtrMemo, new AtrMemo(_columns.HighD, _columns.LowD, _columns.CloseD), null) ?? _columns.AtrMemo;
        var (last, mean) = memo.Get(_start, Count);
        return (last, mean);
    }

    /// <summary>The last <paramref name="count"/> candles (all of them when fewer exist).</summary>
    public CandleSeries TakeLast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= Count ? this : new CandleSeries(IntervalMinutes, _columns, _start + Count - count, count);
    }

    public CandleSeries Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }
        return new CandleSeries(IntervalMinutes, _columns, _start + start, count);
    }

    /// <summary>
    /// These 1-minute candles grouped into buckets of <paramref name="intervalMinutes"/> minutes that start at multiples
    /// of the interval since the Unix epoch: open of the first minute, close of the last, highest high (the earlier of
    /// equals), lowest low (the later of equals), summed volume; a bucket with missing minutes is built from those it has.
    /// </summary>
    /// <remarks>
    /// Written straight into new columns, and the extremes are found in the double columns, falling back to the exact
    /// decimal comparison only when two values are too close to tell apart there: a backtest groups a year of minutes
    /// per interval, and decimal comparisons and a candle per minute were most of that work. The result holds exactly
    /// the decimals (and their doubles) that comparing and summing the decimals one by one gives.
    /// </remarks>
    public CandleSeries AggregateMinutes(int intervalMinutes)
    {
        if (IntervalMinutes != CandleInterval.OneMinute)
        {
            throw new InvalidOperationException("Aggregation starts from 1-minute candles.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMinutes, 2);
        return Group(intervalMinutes);
    }

    /// <summary>
    /// These candles, grouped from 1-minute candles by <see cref="AggregateMinutes"/>, grouped again into
    /// <paramref name="intervalMinutes"/> (a multiple of their interval): exactly the series that grouping the minutes
    /// into <paramref name="intervalMinutes"/> gives, from a fifth of the rows when these are 5-minute candles.
    /// </summary>
    /// <remarks>
    /// Open, close, highest high (the earlier of equals) and lowest low (the later of equals) of a group of groups are
    /// those of the minutes. The volume is the same decimal when no sum rounds: a decimal sum that rounds drops scale,
    /// which every grouping checks on every addition, and with no minute's volume negative every sum of grouping the
    /// minutes directly is at most the bucket's total, so none of them rounds when the total did not.
    /// </remarks>
    /// <returns>Null when that cannot be shown (a negative volume, a sum that rounded, candles not grouped here): group the minutes.</returns>
    public CandleSeries? Regroup(int intervalMinutes)
    {
        if (intervalMinutes <= IntervalMinutes || intervalMinutes % IntervalMinutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, $"Regrouping needs a multiple of {IntervalMinutes} minutes.");
        }
        if (!_columns.RegroupableVolumes)
        {
            return null;
        }
        var grouped = Group(intervalMinutes);
        return grouped._columns.RegroupableVolumes ? grouped : null;
    }

    // Runs once per interval and replay, over every minute: compiled optimised at once rather than tiered up mid-loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CandleSeries Group(int intervalMinutes)
    {
        var seconds = CandleInterval.Seconds(intervalMinutes);
        var times = OpenTimes;
        var buckets = 0;
        for (var i = 0; i < times.Length; buckets++)
        {
            i = BucketEnd(times, i, times[i] - times[i] % seconds + seconds);
        }
        // The columns of this series as spans from its first candle, read once here rather than per candle.
        var from = _columns;
        var open = from.Open.AsSpan(_start, Count);
        var high = from.High.AsSpan(_start, Count);
        var low = from.Low.AsSpan(_start, Count);
        var close = from.Close.AsSpan(_start, Count);
        var volumes = from.Volume.AsSpan(_start, Count);
        var highD = from.HighD.AsSpan(_start, Count);
        var lowD = from.LowD.AsSpan(_start, Count);
        var closeD = from.CloseD.AsSpan(_start, Count);
        var to = new Columns(buckets);
        // Whether every volume is not negative and no sum rounded, so the result may be grouped again (Regroup).
        var regroupable = true;
        for (int i = 0, k = 0; i < times.Length; k++)
        {
            var bucketStart = times[i] - times[i] % seconds;
            var end = BucketEnd(times, i, bucketStart + seconds);
            var last = end - 1;
            int highest = i, lowest = i;
            var volume = volumes[i];
            regroupable &= !decimal.IsNegative(volume);
            for (var m = i + 1; m <= last; m++)
            {
                if (Exceeds(highD[m], highD[highest], high[m], high[highest]))
                {
                    highest = m;
                }
                if (!Exceeds(lowD[m], lowD[lowest], low[m], low[lowest]))
                {
                    lowest = m;
                }
                var minute = volumes[m];
                var sum = volume + minute;
                regroupable &= !decimal.IsNegative(minute) && sum.Scale == Math.Max(volume.Scale, minute.Scale);
                volume = sum;
            }
            to.Time[k] = bucketStart;
            to.Open[k] = open[i];
            to.High[k] = high[highest];
            to.Low[k] = low[lowest];
            to.Close[k] = close[last];
            to.Volume[k] = volume;
            to.HighD[k] = highD[highest];
            to.LowD[k] = lowD[lowest];
            to.CloseD[k] = closeD[last];
            to.VolumeD[k] = (double)volume;
            i = end;
        }
        to.RegroupableVolumes = regroupable;
        return new CandleSeries(intervalMinutes, to, 0, buckets);
    }

    /// <summary>The index past the last candle before <paramref name="end"/>, from the candle at <paramref name="i"/> on.</summary>
    private static int BucketEnd(ReadOnlySpan<long> times, int i, long end)
    {
        for (i++; i < times.Length && times[i] < end; i++)
        {
        }
        return i;
    }

    // Far above the error of a decimal's double (a few parts in 1e16), far below any price step that matters.
    private const double ClearMargin = 1e-9;

    /// <summary>
    /// <paramref name="value"/> &gt; <paramref name="than"/>, decided by their doubles when they are clearly apart and by the
    /// decimals otherwise: exactly what comparing the decimals says.
    /// </summary>
    private static bool Exceeds(double valueD, double thanD, decimal value, decimal than)
    {
        var margin = Math.Abs(thanD) * ClearMargin;
        if (valueD > thanD + margin)
        {
            return true;
        }
        return !(valueD < thanD - margin) && value > than;
    }

    public IEnumerable<Candle> AsEnumerable()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    private sealed class Columns
    {
        public Columns(int length)
        {
            Time = new long[length];
            Open = new decimal[length];
            High = new decimal[length];
            Low = new decimal[length];
            Close = new decimal[length];
            Volume = new decimal[length];
            HighD = new double[length];
            LowD = new double[length];
            CloseD = new double[length];
            VolumeD = new double[length];
        }

        public long[] Time { get; }
        public decimal[] Open { get; }
        public decimal[] High { get; }
        public decimal[] Low { get; }
        public decimal[] Close { get; }
        public decimal[] Volume { get; }
        public double[] HighD { get; }
        public double[] LowD { get; }
        public double[] CloseD { get; }
        public double[] VolumeD { get; }

        /// <summary>
        /// Set when these columns were grouped here from candles whose volumes were none negative, with no volume sum
        /// rounded: <see cref="Regroup"/> may group them again.
        /// </summary>
        public bool RegroupableVolumes;

        /// <summary>Created on the first EMA asked of these columns.</summary>
        public EmaMemo? EmaMemo;

        /// <summary>Created on the first historical volatility asked of these columns.</summary>
        public LogReturnMemo? LogReturns;

        /// <summary>Created on the first ATR asked of these columns that has later windows to compute with it.</summary>
        public AtrMemo? AtrMemo;

        public void Set(int i, Candle c)
        {
            Time[i] = c.OpenTime;
            Open[i] = c.Open;
            High[i] = c.High;
            Low[i] = c.Low;
            Close[i] = c.Close;
            Volume[i] = c.Volume;
            HighD[i] = (double)c.High;
            LowD[i] = (double)c.Low;
            CloseD[i] = (double)c.Close;
            VolumeD[i] = (double)c.Volume;
        }

        public Candle Get(int i) => new(Time[i], Open[i], High[i], Low[i], Close[i], Volume[i]);
    }
}
