using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Market;

/// <summary>
/// Grouping minutes into longer candles must give exactly the decimals a plain fold with Math.Max, Math.Min and + gives,
/// scale included (equal highs keep the earlier, equal lows take the later), and the doubles those decimals convert to.
/// </summary>
public sealed class CandleAggregationTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(60)]
    public void Buckets_hold_exactly_what_folding_the_decimals_gives(int interval)
    {
        var minutes = Minutes(5000);

        var grouped = minutes.AggregateMinutes(interval);

        var expected = Fold(minutes, interval);
        Assert.Equal(expected.Count, grouped.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(Text(expected[k]), Text(grouped[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)expected[k].High), BitConverter.DoubleToInt64Bits(grouped.Highs[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)expected[k].Low), BitConverter.DoubleToInt64Bits(grouped.Lows[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)expected[k].Close), BitConverter.DoubleToInt64Bits(grouped.Closes[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)expected[k].Volume), BitConverter.DoubleToInt64Bits(grouped.Volumes[k]));
        }
    }

    /// <summary>Prices on a coarse grid, written with one to three decimals, so equal values of different scale are common; some minutes missing.</summary>
    private static CandleSeries Minutes(int count)
    {
        var random = new Random(5);
        var candles = new List<Candle>(count);
        var time = 0L;
        for (var i = 0; i < count; i++)
        {
            time += random.Next(10) == 0 ? 120 : 60;
            decimal Price() => decimal.Round(100m + random.Next(-3, 4) * 0.1m, 1) * Scale(random.Next(3));
            var (open, close, a, b) = (Price(), Price(), Price(), Price());
            candles.Add(new Candle(time, open, Math.Max(Math.Max(open, close), a), Math.Min(Math.Min(open, close), b), close, random.Next(1, 1000) * 0.001m));
        }
        return CandleSeries.From(CandleInterval.OneMinute, candles);
    }

    /// <summary>1, 1.0 or 1.00: multiplying by it keeps the value and sets the scale.</summary>
    private static decimal Scale(int extraDecimals) => extraDecimals switch { 0 => 1m, 1 => 1.0m, _ => 1.00m };

    private static List<Candle> Fold(CandleSeries minutes, int interval)
    {
        var seconds = interval * 60L;
        var buckets = new List<Candle>();
        foreach (var minute in minutes.AsEnumerable())
        {
            var start = minute.OpenTime - minute.OpenTime % seconds;
            if (buckets.Count > 0 && buckets[^1].OpenTime == start)
            {
                var b = buckets[^1];
                buckets[^1] = b with { High = Math.Max(b.High, minute.High), Low = Math.Min(b.Low, minute.Low), Close = minute.Close, Volume = b.Volume + minute.Volume };
            }
            else
            {
                buckets.Add(minute with { OpenTime = start });
            }
        }
        return buckets;
    }

    private static string Text(Candle c) => string.Create(CultureInfo.InvariantCulture, $"{c.OpenTime} {c.Open} {c.High} {c.Low} {c.Close} {c.Volume}");
}
