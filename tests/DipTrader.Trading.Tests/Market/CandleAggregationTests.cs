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

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(240)]
    [InlineData(1440)]
    public void Regrouping_five_minute_candles_gives_the_candles_of_grouping_the_minutes(int interval)
    {
        var minutes = Minutes(20_000);

        var regrouped = minutes.AggregateMinutes(5).Regroup(interval);

        var direct = minutes.AggregateMinutes(interval);
        Assert.NotNull(regrouped);
        AssertSame(direct, regrouped);
    }

    [Fact]
    public void A_slice_of_five_minute_candles_regroups_like_the_minutes_of_that_slice()
    {
        var minutes = Minutes(20_000);
        var fives = minutes.AggregateMinutes(5);
        var slice = fives.Slice(12, fives.Count - 30);

        var regrouped = slice.Regroup(60);

        var first = slice.OpenTimes[0];
        var last = slice.OpenTimes[^1] + 300;
        var inSlice = CandleSeries.From(CandleInterval.OneMinute, [.. minutes.AsEnumerable().Where(m => m.OpenTime >= first && m.OpenTime < last)]);
        AssertSame(inSlice.AggregateMinutes(60), regrouped!);
    }

    [Fact]
    public void A_negative_volume_is_not_regrouped()
    {
        var candles = Minutes(600).AsEnumerable().ToList();
        candles[301] = candles[301] with { Volume = -0.001m };
        var minutes = CandleSeries.From(CandleInterval.OneMinute, candles);

        Assert.Null(minutes.AggregateMinutes(5).Regroup(60));
    }

    [Fact]
    public void A_negative_zero_volume_is_not_regrouped()
    {
        var candles = Minutes(600).AsEnumerable().ToList();
        candles[7] = candles[7] with { Volume = decimal.Negate(0.0m) };
        var minutes = CandleSeries.From(CandleInterval.OneMinute, candles);

        Assert.Null(minutes.AggregateMinutes(5).Regroup(60));
    }

    [Fact]
    public void Volumes_whose_sum_rounds_are_not_regrouped()
    {
        // 1e27 with one decimal: eight of them need 8e28 at scale 1, past the 96-bit mantissa, so the sum drops a digit.
        var candles = Minutes(600).AsEnumerable().Select(c => c with { Volume = 1000000000000000000000000000.0m }).ToList();
        var minutes = CandleSeries.From(CandleInterval.OneMinute, candles);

        Assert.Null(minutes.AggregateMinutes(5).Regroup(60));
        Assert.Null(minutes.AggregateMinutes(15).Regroup(60));
    }

    [Fact]
    public void Candles_not_grouped_here_are_not_regrouped()
    {
        var fives = CandleSeries.From(CandleInterval.FiveMinutes, [.. Minutes(600).AggregateMinutes(5).AsEnumerable()]);

        Assert.Null(fives.Regroup(60));
    }

    private static void AssertSame(CandleSeries expected, CandleSeries actual)
    {
        Assert.Equal(expected.IntervalMinutes, actual.IntervalMinutes);
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(Text(expected[k]), Text(actual[k]));
            Assert.Equal(expected.Highs[k], actual.Highs[k]);
            Assert.Equal(expected.Lows[k], actual.Lows[k]);
            Assert.Equal(expected.Closes[k], actual.Closes[k]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Volumes[k]), BitConverter.DoubleToInt64Bits(actual.Volumes[k]));
            Assert.True(decimal.GetBits(expected[k].Volume).SequenceEqual(decimal.GetBits(actual[k].Volume)), $"volume bits of bucket {k}");
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
