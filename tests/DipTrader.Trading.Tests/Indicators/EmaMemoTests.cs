using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>The memoised EMAs must equal <see cref="Ema.Last"/> bit for bit, whatever order windows are asked in.</summary>
public sealed class EmaMemoTests
{
    private static CandleSeries Series(int count) => RandomWalk.Candles(count, seed: 11, CandleInterval.OneMinute);

    private static void AssertExact(CandleSeries window, int first, int second)
    {
        var (a, b) = window.LastEmas(first, second);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Ema.Last(window.Closes, first)), BitConverter.DoubleToInt64Bits(a));
        Assert.Equal(BitConverter.DoubleToInt64Bits(Ema.Last(window.Closes, second)), BitConverter.DoubleToInt64Bits(b));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void Sliding_windows_match_a_fresh_computation(int step)
    {
        var all = Series(3000);
        for (var start = 0; start + 1000 <= all.Count; start += step)
        {
            AssertExact(all.Slice(start, 1000), 50, 200);
            AssertExact(all.Slice(start, 1000), 100, 100);
        }
    }

    [Fact]
    public void Growing_repeated_and_jumping_windows_match_a_fresh_computation()
    {
        var all = Series(2500);
        int[][] windows = [[0, 1], [0, 2], [0, 2], [0, 700], [0, 1000], [3, 1000], [6, 1000], [9, 1000], [9, 1000], [1500, 1000], [1400, 1000], [1401, 999], [1402, 1000], [1498, 1000], [1499, 1000], [1500, 1000]];
        foreach (var w in windows)
        {
            AssertExact(all.Slice(w[0], w[1]), 50, 200);
        }
    }
}
