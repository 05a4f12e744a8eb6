using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>Historical volatility from remembered log returns must equal <see cref="HistoricalVolatility.Last"/> bit for bit, in any order of windows.</summary>
public sealed class LogReturnMemoTests
{
    /// <summary>A random walk with a run of zero closes in it, where the volatility is undefined.</summary>
    private static CandleSeries Series(int count) =>
        RandomWalk.Candles(count, seed: 3, CandleInterval.FiveMinutes, (i, price) => i is >= 300 and < 305 ? 0m : price);

    private static void AssertExact(CandleSeries window)
    {
        var expected = HistoricalVolatility.Last(window.Closes);
        var actual = HistoricalVolatility.FromReturns(window.LastLogReturns(HistoricalVolatility.Period));
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } value)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(actual!.Value));
        }
    }

    [Fact]
    public void Sliding_windows_match_a_fresh_computation_also_where_a_close_is_zero()
    {
        foreach (var window in Series(1000).SlidingWindows(100))
        {
            AssertExact(window);
        }
    }

    [Fact]
    public void Windows_asked_out_of_order_and_short_windows_match_a_fresh_computation()
    {
        foreach (var window in Series(1000).Windows((700, 100), (100, 100), (690, 100), (800, 21), (801, 20), (5, 1), (400, 100), (0, 100)))
        {
            AssertExact(window);
        }
    }
}
