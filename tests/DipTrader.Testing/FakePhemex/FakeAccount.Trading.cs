using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>An order as the fake's endpoint read it from the request.</summary>
internal sealed record FakeOrderInput(
    string Symbol, string ClientOrderId, OrderSide Side, PositionSide PositionSide, decimal Quantity, decimal Price, string TimeInForce, bool ReduceOnly);

/// <summary>The answer to placing an order: the booked order, or Phemex's rejection code and message.</summary>
internal readonly record struct FakePlacement(FakeOrder? Order, int Code, string Message)
{
    public static FakePlacement Rejected(int code, string message) => new(null, code, message);
}

/// <summary>Order checks and fills, with Phemex's codes. Callers hold the server's lock.</summary>
public sealed partial class FakeAccount
{
    internal FakePlacement Place(FakeOrderInput input, DateTimeOffset now)
    {
        if (_market.Listed(input.Symbol) is not { } product)
        {
            return FakePlacement.Rejected(11027, "TE_SYMBOL_INVALID");
        }
        if (_ordersByClientId.ContainsKey(input.ClientOrderId))
        {
            return FakePlacement.Rejected(11085, "TE_CL_ORD_ID_DUPLICATE");
        }
        if (input.Quantity < product.QtyStep || input.Quantity % product.QtyStep != 0)
        {
            return FakePlacement.Rejected(11058, $"TE_QTY_TOO_SMALL: quantity must be a positive multiple of {product.QtyStep}");
        }
        if (input.Quantity > product.MaxOrderQty)
        {
            return FakePlacement.Rejected(11056, "TE_QTY_TOO_LARGE");
        }
        if (input.Price <= 0 || input.Price % product.TickSize != 0)
        {
            return FakePlacement.Rejected(30000, $"Please double check input arguments: price must be a positive multiple of {product.TickSize}");
        }
        var opens = input.Side == input.PositionSide.EntrySide();
        if (!opens || input.ReduceOnly)
        {
            if (opens || ClosableSize(input.Symbol, input.PositionSide) < input.Quantity)
            {
                return FakePlacement.Rejected(11057, "TE_QTY_NOT_MATCH_REDUCE_ONLY");
            }
        }
        else if (_balance - UsedMargin() < input.Quantity * input.Price / LeverageOf(input.Symbol, input.PositionSide))
        {
            return FakePlacement.Rejected(11001, "TE_NO_ENOUGH_AVAILABLE_BALANCE");
        }
        return new FakePlacement(Accept(input, now), 0, "");
    }

    /// <summary>
    /// A post-only order that would cross is booked and cancelled at once with CE_WILLCROSS (the documented
    /// cancel reason); a crossing GTC or IOC order fills at the quote as taker; a non-crossing IOC is cancelled.
    /// </summary>
    private FakeOrder Accept(FakeOrderInput input, DateTimeOffset now)
    {
        var order = new FakeOrder(NewOrderId(), input.ClientOrderId, input.Symbol, input.Side, input.PositionSide,
            input.Quantity, input.Price, input.TimeInForce, input.ReduceOnly, "New", now);
        var quote = _market.Quote(input.Symbol);
        var takerPrice = quote is null ? (decimal?)null : input.Side == OrderSide.Buy ? quote.Value.Ask : quote.Value.Bid;
        var crosses = takerPrice is { } p && (input.Side == OrderSide.Buy ? input.Price >= p : input.Price <= p);
        if (crosses && input.TimeInForce == "PostOnly")
        {
            order = order with { Status = "Canceled", Text = "CE_WILLCROSS" };
        }
        else if (!crosses && input.TimeInForce == "ImmediateOrCancel")
        {
            order = order with { Status = "Canceled", Text = "CE_IOC" };
        }
        Book(order);
        if (crosses && input.TimeInForce != "PostOnly")
        {
            Fill(order.ClientOrderId, takerPrice!.Value, maker: false);
        }
        return _ordersByClientId[order.ClientOrderId];
    }

    /// <summary>Fills resting orders the quote has moved through: buys at or above the ask, sells at or below the bid.</summary>
    internal void FillCrossedBy(string symbol, decimal bid, decimal ask)
    {
        foreach (var order in RestingOrders(symbol).ToList())
        {
            if (order.Side == OrderSide.Buy ? order.Price >= ask : order.Price <= bid)
            {
                Fill(order.ClientOrderId, order.Price, maker: true);
            }
        }
    }

    /// <summary>Fills resting orders a trade at <paramref name="price"/> reaches, at their own limit price.</summary>
    internal void FillReachedBy(string symbol, decimal price)
    {
        foreach (var order in RestingOrders(symbol).ToList())
        {
            if (order.Side == OrderSide.Buy ? order.Price >= price : order.Price <= price)
            {
                Fill(order.ClientOrderId, order.Price, maker: true);
            }
        }
    }

    private decimal ClosableSize(string symbol, PositionSide side) =>
        (PositionOf(symbol, side)?.Size ?? 0m)
        - RestingOrders(symbol).Where(o => o.PositionSide == side && !o.Opens).Sum(o => o.Quantity - o.FilledQuantity);

    private void Fill(string clientOrderId, decimal price, bool maker)
    {
        var order = _ordersByClientId[clientOrderId];
        var quantity = order.Quantity - order.FilledQuantity;
        var key = (order.Symbol, order.PositionSide);
        var position = _positions.GetValueOrDefault(key) ?? new FakePosition(order.Symbol, order.PositionSide, 0m, 0m);
        var fee = quantity * price * (maker ? _options.MakerFeeRate : _options.TakerFeeRate);
        var pnl = 0m;
        if (order.Opens)
        {
            var size = position.Size + quantity;
            position = position with { Size = size, EntryPrice = (position.Size * position.EntryPrice + quantity * price) / size };
        }
        else
        {
            var closed = Math.Min(quantity, position.Size);
            pnl = (order.PositionSide == PositionSide.Long ? price - position.EntryPrice : position.EntryPrice - price) * closed;
            var size = position.Size - closed;
            position = position with { Size = size, EntryPrice = size == 0 ? 0m : position.EntryPrice };
        }
        _positions[key] = position;
        _balance += pnl - fee;
        Update(order with
        {
            Status = "Filled",
            FilledQuantity = order.Quantity,
            FilledValue = order.FilledValue + quantity * price,
            Fee = order.Fee + fee,
            ClosedPnl = order.ClosedPnl + pnl,
        });
    }
}
