using DipTrader.Trading.Market;

namespace DipTrader.Bots.Tests.Running;

/// <summary>Builds 1-minute candles from a price per minute, for replayed scenarios.</summary>
internal static class MarketScript
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A slow, calm decline from <paramref name="from"/> to <paramref name="to"/> over <paramref name="minutes"/> minutes, then <paramref name="tail"/>.</summary>
    public static List<decimal> SlowDecline(decimal from, decimal to, int minutes, params decimal[] tail)
    {
        var prices = new List<decimal>(minutes + tail.Length);
        for (var i = 0; i < minutes; i++)
        {
            // A gentle sawtooth keeps volatility non-zero but far below every trigger.
            var wobble = (i % 6 < 3 ? 1 : -1) * 0.0002m * from;
            prices.Add(decimal.Round(from + (to - from) * i / minutes + wobble, 2));
        }
        prices.AddRange(tail);
        return prices;
    }

    public static CandleSeries Candles(IReadOnlyList<decimal> prices)
    {
        var candles = new Candle[prices.Count];
        var previous = prices[0];
        for (var i = 0; i < prices.Count; i++)
        {
            var close = prices[i];
            var open = previous;
            candles[i] = new Candle(Start.ToUnixTimeSeconds() + i * 60L, open, Math.Max(open, close) + 0.01m, Math.Min(open, close) - 0.01m, close, 100m);
            previous = close;
        }
        return CandleSeries.From(1, candles);
    }
}
