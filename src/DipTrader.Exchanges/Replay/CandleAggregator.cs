using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>Builds candles of a longer interval from 1-minute candles, aligned to interval boundaries in UTC.</summary>
public static class CandleAggregator
{
    /// <summary>
    /// Groups the minutes into buckets starting at multiples of the interval since the Unix epoch (so daily
    /// candles start at 00:00 UTC): open of the first minute, close of the last, highest high, lowest low,
    /// summed volume. A bucket with missing minutes is built from the minutes it has.
    /// </summary>
    public static CandleSeries Aggregate(CandleSeries minutes, int intervalMinutes)
    {
        if (minutes.IntervalMinutes != CandleInterval.OneMinute)
        {
            throw new ArgumentException("Aggregation starts from 1-minute candles.", nameof(minutes));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMinutes, 1);
        if (intervalMinutes == CandleInterval.OneMinute)
        {
            return minutes;
        }
        return minutes.AggregateMinutes(intervalMinutes);
    }
}
