using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// A fast, conservative test that a window of candles cannot fill an order, liquidate a position or pay
/// funding, so the catch-up may skip replaying it candle by candle. It reads the candles' double columns and
/// demands a clear relative margin from every threshold; anything close is left to the exact decimal path.
/// </summary>
internal static class QuietWindow
{
    // Far above double rounding (1e-16) and far below any price step that matters.
    private const double Margin = 1e-9;

    public static bool Covers(SymbolBook symbol, CandleSeries candles, int first)
    {
        var count = candles.Count - first;
        if (count <= 0)
        {
            return false;
        }
        var last = candles.OpenTimes[^1];
        if (symbol.State.NextFundingTime <= last + 60)
        {
            return false;
        }

        var lowest = Min(candles.Lows[first..]);
        var highest = Max(candles.Highs[first..]);
        if (symbol.State.Long.Size > 0 && !(lowest > (double)symbol.Figures(PositionSide.Long).LiquidationPrice * (1 + Margin)))
        {
            return false;
        }
        if (symbol.State.Short.Size > 0 && !(highest < (double)symbol.Figures(PositionSide.Short).LiquidationPrice * (1 - Margin)))
        {
            return false;
        }
        foreach (var order in symbol.OpenOrders)
        {
            var price = (double)order.Price;
            var safe = order.Side == OrderSide.Buy ? lowest > price * (1 + Margin) : highest < price * (1 - Margin);
            if (!safe)
            {
                return false;
            }
        }
        return true;
    }

    private static double Min(ReadOnlySpan<double> values)
    {
        var min = double.MaxValue;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
        }
        return min;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.MinValue;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }
        return max;
    }
}
