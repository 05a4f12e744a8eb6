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

        /// <summary>Created on the first EMA asked of these columns.</summary>
        public EmaMemo? EmaMemo;

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
