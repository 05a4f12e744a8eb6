using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>The remembered ATR and its window mean must equal <see cref="Atr.Compute"/> bit for bit, in any order of windows.</summary>
public sealed class AtrMemoTests
{
    private static CandleSeries Series(int count) => RandomWalk.Candles(count, seed: 17, CandleInterval.FiveMinutes, wicks: true);

    private static void AssertExact(CandleSeries window)
    {
        var (last, mean) = Atr.Compute(window.Highs, window.Lows, window.Closes);
        var (memoLast, memoMean) = window.AverageTrueRange();
        Assert.Equal(last.HasValue, memoLast.HasValue);
        Assert.Equal(mean.HasValue, memoMean.HasValue);
        if (last is { } value)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(memoLast!.Value));
            Assert.Equal(BitConverter.DoubleToInt64Bits(mean!.Value), BitConverter.DoubleToInt64Bits(memoMean!.Value));
        }
    }

    [Fact]
    public void Sliding_windows_match_a_fresh_computation_to_the_end_of_the_columns()
    {
        foreach (var window in Series(1000).SlidingWindows(100))
        {
            AssertExact(window);
        }
    }

    [Fact]
    public void Windows_asked_out_of_order_or_of_other_lengths_match_a_fresh_computation()
    {
        foreach (var window in Series(1000).Windows((700, 100), (100, 100), (695, 100), (703, 100), (800, 14), (801, 13), (400, 50), (402, 50), (0, 100), (5, 1)))
        {
            AssertExact(window);
        }
    }
}
