using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// The account's money: fills (fees, averaging, realised PnL), funding and isolated liquidation, each booked
/// to the wallet balance and recorded for reports.
/// </summary>
internal sealed class PaperLedger(PaperAccountState state, PaperAccountOptions options)
{
    /// <summary>
    /// Fills the whole order at <paramref name="price"/>; a closing order fills at most what is left of its
    /// position (and is cancelled when nothing is).
    /// </summary>
    public void Fill(SymbolBook symbol, PaperOrderState order, decimal price, FillLiquidity liquidity, DateTimeOffset time)
    {
        var position = symbol.Position(order.PositionSide);
        var closes = order.Closes;
        var quantity = closes ? Math.Min(order.Quantity, position.Size) : order.Quantity;
        if (quantity <= 0)
        {
            order.Close(OrderStatus.Canceled, time, "The position was closed before the order could fill.");
            return;
        }

        var notional = quantity * price;
        var fee = notional * (liquidity == FillLiquidity.Maker ? options.MakerFeeRate : options.TakerFeeRate);
        var realised = 0m;
        if (closes)
        {
            // Release the entry value in proportion, all of it on a full close, so nothing is left over.
            var released = quantity == position.Size ? position.EntryValue : position.EntryValue * quantity / position.Size;
            realised = order.PositionSide == PositionSide.Long ? notional - released : released - notional;
            position.Size -= quantity;
            position.EntryValue -= released;
        }
        else
        {
            position.Size += quantity;
            position.EntryValue += notional;
        }

        state.Balance += realised - fee;
        state.FeesPaid += fee;
        order.FilledQuantity = quantity;
        order.AveragePrice = price;
        order.Fee = fee;
        order.RealisedPnl = realised;
        order.Close(OrderStatus.Filled, time, quantity < order.Quantity ? "Filled only what was left of the position." : null);
        state.Fills.Add(new PaperFill(time, symbol.Symbol, order.Side, order.PositionSide, quantity, price, fee, realised, liquidity, order.ReduceOnly, order.ClientOrderId));
    }

    /// <summary>One 8-hourly funding: Longs pay rate × size × mark, Shorts receive it (the other way round for a negative rate).</summary>
    public void Fund(SymbolBook symbol)
    {
        FundSide(symbol, PositionSide.Long);
        FundSide(symbol, PositionSide.Short);
    }

    /// <summary>
    /// Isolated liquidation: when margin + uPnL at the candle's adverse extreme (low for a Long, high for a
    /// Short) is below size × that price × maintenance rate, the venue takes the position at its liquidation
    /// price and the whole position margin is lost (the equity left at that price goes to the insurance fund).
    /// </summary>
    public void LiquidateIfBreached(SymbolBook symbol, Candle candle, DateTimeOffset time)
    {
        LiquidateIfBreached(symbol, PositionSide.Long, candle.Low, time);
        LiquidateIfBreached(symbol, PositionSide.Short, candle.High, time);
    }

    private void FundSide(SymbolBook symbol, PositionSide side)
    {
        var position = symbol.Position(side);
        if (position.Size <= 0)
        {
            return;
        }
        var payment = position.Size * symbol.MarkOrEntry(side) * options.FundingRate;
        var received = side == PositionSide.Long ? -payment : payment;
        state.Balance += received;
        state.NetFunding += received;
    }

    private void LiquidateIfBreached(SymbolBook symbol, PositionSide side, decimal extreme, DateTimeOffset time)
    {
        var position = symbol.Position(side);
        if (position.Size <= 0)
        {
            return;
        }
        var figures = symbol.Figures(side);
        var breached = side == PositionSide.Long ? extreme < figures.LiquidationPrice : extreme > figures.LiquidationPrice;
        if (!breached)
        {
            return;
        }

        var size = position.Size;
        var margin = figures.Margin;
        var liquidationPrice = Math.Round(figures.LiquidationPrice, 8);
        state.Balance -= margin;
        state.Liquidations.Add(new PaperLiquidation(time, symbol.Symbol, side, size, figures.EntryPrice, liquidationPrice, margin));
        state.Fills.Add(new PaperFill(time, symbol.Symbol, side.ExitSide(), side, size, liquidationPrice, 0m, -margin, FillLiquidity.Liquidation, true, null));
        position.Size = 0;
        position.EntryValue = 0;

        var orders = symbol.OpenOrders;
        for (var i = orders.Count - 1; i >= 0; i--)
        {
            if (orders[i].PositionSide == side && orders[i].Closes)
            {
                orders[i].Close(OrderStatus.Canceled, time, "The position was liquidated.");
                orders.RemoveAt(i);
            }
        }
    }
}
