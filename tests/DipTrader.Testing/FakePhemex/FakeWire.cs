using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>The fake's objects in Phemex's wire shapes: decimals as invariant strings, Phemex's field names.</summary>
internal static class FakeWire
{
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Side(OrderSide side) => side == OrderSide.Buy ? "Buy" : "Sell";

    public static string Side(PositionSide side) => side == PositionSide.Long ? "Long" : "Short";

    /// <summary>An order as the trading endpoints show it (<c>clOrdID</c>, <c>orderID</c>).</summary>
    public static Dictionary<string, object?> Order(FakeOrder order, bool acknowledgement = false) => new()
    {
        ["bizError"] = 0,
        ["orderID"] = order.OrderId,
        ["clOrdID"] = order.ClientOrderId,
        ["symbol"] = order.Symbol,
        ["side"] = Side(order.Side),
        ["posSide"] = Side(order.PositionSide),
        ["orderType"] = "Limit",
        ["priceRp"] = Number(order.Price),
        ["orderQtyRq"] = Number(order.Quantity),
        ["displayQtyRq"] = Number(order.Quantity),
        ["timeInForce"] = order.TimeInForce,
        ["reduceOnly"] = order.ReduceOnly,
        ["execInst"] = order.ReduceOnly ? "ReduceOnly" : "None",
        ["closedPnlRv"] = Number(order.ClosedPnl),
        ["cumQtyRq"] = Number(order.FilledQuantity),
        ["cumValueRv"] = Number(order.FilledValue),
        ["leavesQtyRq"] = Number(order.IsResting ? order.Quantity - order.FilledQuantity : 0m),
        ["ordStatus"] = acknowledgement && order.Status == "New" ? "Created" : order.Status,
        ["actionTimeNs"] = order.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000,
        ["transactTimeNs"] = order.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000,
        ["text"] = order.Text,
    };

    /// <summary>An order as the history endpoint shows it (<c>clOrdId</c>, <c>orderId</c>, fees; no <c>posSide</c>, as documented).</summary>
    public static Dictionary<string, object?> HistoryOrder(FakeOrder order) => new()
    {
        ["orderId"] = order.OrderId,
        ["clOrdId"] = order.ClientOrderId,
        ["symbol"] = order.Symbol,
        ["side"] = Side(order.Side),
        ["ordType"] = "Limit",
        ["priceRp"] = Number(order.Price),
        ["orderQtyRq"] = Number(order.Quantity),
        ["timeInForce"] = order.TimeInForce,
        ["reduceOnly"] = order.ReduceOnly,
        ["ordStatus"] = order.Status,
        ["cumQtyRq"] = Number(order.FilledQuantity),
        ["cumValueRv"] = Number(order.FilledValue),
        ["cumFeeRv"] = Number(order.Fee),
        ["closedPnlRv"] = Number(order.ClosedPnl),
        ["createdAt"] = order.CreatedAt.ToUnixTimeMilliseconds(),
    };

    /// <param name="leverageRr">Negative for cross margin, positive for isolated, as Phemex reports it.</param>
    public static Dictionary<string, object?> Position(FakePosition position, decimal mark, decimal leverageRr, decimal maintenanceRate)
    {
        var leverage = Math.Abs(leverageRr);
        var margin = position.Size * position.EntryPrice / leverage;
        var pnl = (position.Side == PositionSide.Long ? mark - position.EntryPrice : position.EntryPrice - mark) * position.Size;
        return new()
        {
            ["accountID"] = 1,
            ["symbol"] = position.Symbol,
            ["currency"] = "USDT",
            ["side"] = position.Size == 0 ? "None" : Side(position.Side.EntrySide()),
            ["positionStatus"] = "Normal",
            ["crossMargin"] = leverageRr < 0,
            ["leverageRr"] = Number(leverageRr),
            ["initMarginReqRr"] = Number(1 / leverage),
            ["maintMarginReqRr"] = Number(maintenanceRate),
            ["sizeRq"] = Number(position.Size),
            ["valueRv"] = Number(position.Size * mark),
            ["avgEntryPriceRp"] = Number(position.EntryPrice),
            ["posCostRv"] = Number(margin),
            ["assignedPosBalanceRv"] = Number(margin),
            ["positionMarginRv"] = Number(margin),
            ["markPriceRp"] = Number(mark),
            ["unRealisedPnlRv"] = Number(pnl),
            ["posSide"] = Side(position.Side),
            ["posMode"] = "Hedged",
            ["sizeEv"] = 0,
        };
    }

    public static Dictionary<string, object?> Product(FakeProduct product) => new()
    {
        ["symbol"] = product.Symbol,
        ["code"] = Math.Abs(product.Symbol.GetHashCode(StringComparison.Ordinal)) % 100_000,
        ["type"] = "PerpetualV2",
        ["displaySymbol"] = product.Symbol[..^4] + " / USDT",
        ["indexSymbol"] = "." + product.Symbol,
        ["contractUnderlyingAssets"] = product.Symbol[..^4],
        ["settleCurrency"] = "USDT",
        ["quoteCurrency"] = "USDT",
        ["tickSize"] = Number(product.TickSize),
        ["priceScale"] = 0,
        ["ratioScale"] = 0,
        ["status"] = product.Status,
        ["defaultLeverage"] = "-10",
        ["maxLeverage"] = 100,
        ["maxOrderQtyRq"] = Number(product.MaxOrderQty),
        ["minOrderValueRv"] = Number(product.MinOrderValue),
        ["qtyStepSize"] = Number(product.QtyStep),
        ["qtyPrecision"] = Math.Max(0, (int)Math.Round(-Math.Log10((double)product.QtyStep))),
    };

    public static object?[] KlineRow(Candle candle, long intervalSeconds, decimal lastClose, string symbol, int fields)
    {
        object?[] row =
        [
            candle.OpenTime, intervalSeconds, Number(lastClose), Number(candle.Open), Number(candle.High), Number(candle.Low),
            Number(candle.Close), Number(candle.Volume), Number(candle.Volume * candle.Close), symbol,
        ];
        return fields >= 10 ? row : row[..9];
    }
}
