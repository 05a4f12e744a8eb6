using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// One symbol's 1-minute candles and the longer intervals built from them (each once, on first use), with the
/// question every replayed venue answers: which candles are closed at a given moment.
/// </summary>
internal sealed class SymbolHistory
{
    private readonly Lazy<CandleSeries>[] _series;

    // Where the last search per interval ended: a replay's clock mostly moves forward a little, so searching
    // from there touches a few neighbouring entries instead of ~20 scattered ones. Any value is a valid start,
    // so concurrent readers may overwrite each other freely.
    private readonly int[] _lastCounts;

    public SymbolHistory(string symbol, CandleSeries minutes)
    {
        if (minutes.IntervalMinutes != CandleInterval.OneMinute)
        {
            throw new ArgumentException($"{symbol}: replayed candles must be 1-minute candles.", nameof(minutes));
        }
        foreach (var time in minutes.OpenTimes)
        {
            if (time % 60 != 0)
            {
                throw new ArgumentException($"{symbol}: candle time {time} is not on a minute boundary.", nameof(minutes));
            }
        }
        Symbol = symbol;
        Minutes = minutes;
        var intervals = CandleInterval.EmaIntervals;
        _series = new Lazy<CandleSeries>[intervals.Count];
        _lastCounts = new int[intervals.Count];
        var fiveMinutes = IndexOf(CandleInterval.FiveMinutes);
        for (var k = 0; k < intervals.Count; k++)
        {
            var interval = intervals[k];
            // A longer interval from the 5-minute candles (a replay builds them anyway, for volatility): a fifth of the
            // rows to read, and the same candles (CandleSeries.Regroup), else from the minutes.
            _series[k] = interval > CandleInterval.FiveMinutes && interval % CandleInterval.FiveMinutes == 0
                ? new Lazy<CandleSeries>(() => _series[fiveMinutes].Value.Regroup(interval) ?? CandleAggregator.Aggregate(minutes, interval))
                : new Lazy<CandleSeries>(() => CandleAggregator.Aggregate(minutes, interval));
        }
    }

    public string Symbol { get; }

    public CandleSeries Minutes { get; }

    /// <summary>The last <paramref name="limit"/> candles of the interval that are closed at <paramref name="nowSeconds"/>: open time + interval ≤ now.</summary>
    public CandleSeries Closed(int intervalMinutes, int limit, long nowSeconds)
    {
        if (limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A candle request asks for 1 to 1000 candles.");
        }
        var index = IndexOf(intervalMinutes);
        var series = Series(index, intervalMinutes);
        var closed = CountOpenedUpTo(series.OpenTimes, nowSeconds - CandleInterval.Seconds(intervalMinutes), ref _lastCounts[index]);
        var take = Math.Min(limit, closed);
        return series.Slice(closed - take, take);
    }

    /// <summary>
    /// The replayed book: bid = the last closed minute's close, ask = bid + one tick (the tightest spread the
    /// contract allows), so a Long entry at the bid rests and a Long exit at the ask rests, as on a live book.
    /// </summary>
    public Quote QuoteAt(long nowSeconds, decimal tickSize)
    {
        var closed = CountOpenedUpTo(Minutes.OpenTimes, nowSeconds - 60, ref _lastCounts[0]);
        if (closed == 0)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable, $"No closed 1-minute candle of {Symbol} yet, so there is no quote."));
        }
        var close = Minutes.CloseAt(closed - 1);
        return new Quote(close, close + tickSize);
    }

    private CandleSeries Series(int index, int intervalMinutes)
    {
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes,
                $"A replay serves candles of {CandleInterval.EmaIntervalList} minutes.");
        }
        return _series[index].Value;
    }

    private static int IndexOf(int intervalMinutes)
    {
        var intervals = CandleInterval.EmaIntervals;
        for (var k = 0; k < intervals.Count; k++)
        {
            if (intervals[k] == intervalMinutes)
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>How many open times are ≤ <paramref name="latestOpenTime"/>: gallops from <paramref name="lastCount"/>, then bisects.</summary>
    private static int CountOpenedUpTo(ReadOnlySpan<long> openTimes, long latestOpenTime, ref int lastCount)
    {
        var n = openTimes.Length;
        var low = Math.Clamp(Volatile.Read(ref lastCount), 0, n);
        int high;
        if (low > 0 && openTimes[low - 1] > latestOpenTime)
        {
            // Time went back: the answer is below the hint.
            high = low;
            low = 0;
        }
        else
        {
            // openTimes[..low] are all ≤ latest: widen the step until an entry is past it.
            var step = 1;
            while (low + step <= n && openTimes[low + step - 1] <= latestOpenTime)
            {
                low += step;
                step *= 2;
            }
            high = Math.Min(n, low + step - 1);
        }
        var found = openTimes[low..high].BinarySearch(latestOpenTime);
        var count = low + (found >= 0 ? found + 1 : ~found);
        Volatile.Write(ref lastCount, count);
        return count;
    }
}
