using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>Candles of a random walk from 100 in steps of up to ±1 %, for memo tests: flat (open = high = low = close) unless given wicks.</summary>
internal static class RandomWalk
{
    /// <param name="close">Replaces the walk's price as the close at an index, when given.</param>
    /// <param name="wicks">Highs and lows up to 0.5 % beyond the close, drawn apart from the walk.</param>
    public static CandleSeries Candles(int count, int seed, int intervalMinutes, Func<int, decimal, decimal>? close = null, bool wicks = false)
    {
        var random = new Random(seed);
        var wick = new Random(seed + 1);
        var price = 100m;
        var candles = new List<Candle>(count);
        for (var i = 0; i < count; i++)
        {
            price = Math.Round(price * (1 + (decimal)(random.NextDouble() - 0.5) / 50), 4);
            var value = close?.Invoke(i, price) ?? price;
            var (high, low) = wicks ? (value * (1 + (decimal)wick.NextDouble() / 200), value * (1 - (decimal)wick.NextDouble() / 200)) : (value, value);
            candles.Add(new Candle(i * intervalMinutes * 60L, value, high, low, value, 1m));
        }
        return CandleSeries.From(intervalMinutes, candles);
    }

    /// <summary>Every window of <paramref name="count"/> candles, one candle apart, as a replay asks for them.</summary>
    public static IEnumerable<CandleSeries> SlidingWindows(this CandleSeries all, int count)
    {
        for (var start = 0; start + count <= all.Count; start++)
        {
            yield return all.Slice(start, count);
        }
    }

    /// <summary>The given windows, in the given order.</summary>
    public static IEnumerable<CandleSeries> Windows(this CandleSeries all, params (int Start, int Count)[] windows) =>
        windows.Select(w => all.Slice(w.Start, w.Count));
}
