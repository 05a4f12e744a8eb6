using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Cli.Tests;

/// <summary>A quiet market on the fake Phemex server: 200 closed candles at 1, 5 and 60 minutes wobbling around one price.</summary>
internal static class CalmMarket
{
    public static void Set(FakePhemexServer phemex, string symbol, decimal price)
    {
        foreach (var minutes in new[] { 1, 5, 60 })
        {
            var seconds = minutes * 60L;
            var last = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / seconds - 1) * seconds;
            phemex.SetCandles(symbol, minutes, Enumerable.Range(0, 200).Select(i =>
                new Candle(last - (199 - i) * seconds, price, price + 0.1m, price - 0.1m, price + (i % 2 == 0 ? 0.05m : -0.05m), 10m)));
        }
        phemex.SetPrice(symbol, price);
    }
}
