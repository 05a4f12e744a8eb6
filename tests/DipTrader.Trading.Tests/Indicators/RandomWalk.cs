using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>Flat candles (open = high = low = close) of a random walk from 100 in steps of up to ±1 %, for memo tests.</summary>
internal static class RandomWalk
{
    /// <param name="close">Replaces the walk's price as the close at an index, when given.</param>
    public static CandleSeries Candles(int count, int seed, int intervalMinutes, Func<int, decimal, decimal>? close = null)
    {
        var random = new Random(seed);
        var price = 100m;
        var candles = new List<Candle>(count);
        for (var i = 0; i < count; i++)
        {
            price = Math.Round(price * (1 + (decimal)(random.NextDouble() - 0.5) / 50), 4);
            var value = close?.Invoke(i, price) ?? price;
            candles.Add(new Candle(i * intervalMinutes * 60L, value, value, value, value, 1m));
        }
        return CandleSeries.From(intervalMinutes, candles);
    }
}
