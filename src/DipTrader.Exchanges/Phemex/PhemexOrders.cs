using System.Buffers;
using System.Text.Json;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>The <c>POST /g-orders</c> body and the order objects Phemex answers with (reference A.4.6, A.4.8).</summary>
internal static class PhemexOrders
{
    /// <summary>Compact JSON in the predecessor's key order; quantities and prices as plain decimal strings.</summary>
    public static byte[] Body(OrderRequest order)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("symbol", order.Symbol);
            writer.WriteString("clOrdID", order.ClientOrderId);
            writer.WriteString("side", order.Side == OrderSide.Buy ? "Buy" : "Sell");
            writer.WriteString("orderQtyRq", PhemexJson.Format(order.Quantity));
            writer.WriteString("priceRp", PhemexJson.Format(order.Price));
            writer.WriteString("ordType", "Limit");
            writer.WriteString("timeInForce", TimeInForceName(order.TimeInForce));
            writer.WriteString("posSide", order.PositionSide == PositionSide.Long ? "Long" : "Short");
            writer.WriteBoolean("reduceOnly", order.ReduceOnly);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The row of <paramref name="rows"/> (an array, or <c>{rows:[...]}</c>) with this client order id.</summary>
    public static OrderInfo? Find(JsonElement rows, string symbol, PositionSide side, string clientOrderId)
    {
        foreach (var row in PhemexJson.Rows(rows))
        {
            if (ClientOrderIdOf(row) == clientOrderId)
            {
                return Read(row, symbol, side, clientOrderId);
            }
        }
        return null;
    }

    /// <summary>
    /// Reads an order object leniently: <c>clOrdID</c> or <c>clOrdId</c>, <c>priceRp</c> or the misspelt
    /// <c>priceRq</c>, enums as names or as the numbers of the history endpoints. The history's order objects have no
    /// <c>posSide</c>: <paramref name="side"/>, the side the order was placed for, stands in.
    /// </summary>
    public static OrderInfo Read(JsonElement row, string symbol, PositionSide side, string clientOrderId, OrderRequest? sent = null)
    {
        var filled = PhemexJson.OptionalDecimal(row, "cumQtyRq", "cumQty") ?? 0m;
        var filledValue = PhemexJson.OptionalDecimal(row, "cumValueRv", "cumValue");
        var bizError = PhemexJson.OptionalString(row, "bizError");
        var hasBizError = bizError is not null and not "0";
        return new OrderInfo
        {
            Symbol = PhemexJson.OptionalString(row, "symbol") ?? symbol,
            ClientOrderId = ClientOrderIdOf(row) ?? clientOrderId,
            ExchangeOrderId = PhemexJson.OptionalString(row, "orderID", "orderId"),
            Side = ReadSide(PhemexJson.OptionalString(row, "side")) ?? sent?.Side ?? throw new FormatException("Field 'side' is missing."),
            PositionSide = ReadPositionSide(PhemexJson.OptionalString(row, "posSide")) ?? side,
            Quantity = PhemexJson.OptionalDecimal(row, "orderQtyRq", "orderQty") ?? sent?.Quantity ?? throw new FormatException("Field 'orderQtyRq' is missing."),
            Price = PhemexJson.OptionalDecimal(row, "priceRp", "priceRq", "price") ?? sent?.Price ?? throw new FormatException("Field 'priceRp' is missing."),
            Status = hasBizError ? OrderStatus.Rejected : ReadStatus(PhemexJson.OptionalString(row, "ordStatus")),
            ReduceOnly = ReadReduceOnly(row) ?? sent?.ReduceOnly ?? false,
            FilledQuantity = filled,
            AveragePrice = filled > 0 && filledValue is { } value ? value / filled : null,
            Fee = PhemexJson.OptionalDecimal(row, "cumFeeRv", "cumExecFeeRv", "execFeeRv"),
            RealisedPnl = PhemexJson.OptionalDecimal(row, "closedPnlRv"),
            Text = hasBizError ? $"bizError {bizError}" : NullIfEmpty(PhemexJson.OptionalString(row, "text", "cxlRejReason")),
        };
    }

    private static string TimeInForceName(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.GoodTillCancel => "GoodTillCancel",
        TimeInForce.PostOnly => "PostOnly",
        TimeInForce.ImmediateOrCancel => "ImmediateOrCancel",
        _ => throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, "Unknown time in force."),
    };

    public static string? ClientOrderIdOf(JsonElement row) => PhemexJson.OptionalString(row, "clOrdID", "clOrdId");

    private static OrderSide? ReadSide(string? side) => side switch
    {
        "Buy" or "1" => OrderSide.Buy,
        "Sell" or "2" => OrderSide.Sell,
        _ => null,
    };

    private static PositionSide? ReadPositionSide(string? posSide) =>
        SideExtensions.TryParsePositionSide(posSide, out var side) ? side : null;

    /// <summary>Names of the trading endpoints, numbers (Created 0 … Canceled 8) of the history endpoints.</summary>
    private static OrderStatus ReadStatus(string? status) => status switch
    {
        "Created" or "Init" or "New" or "Untriggered" or "Triggered" or "0" or "1" or "3" or "5" => OrderStatus.New,
        "PartiallyFilled" or "6" => OrderStatus.PartiallyFilled,
        "Filled" or "7" => OrderStatus.Filled,
        "Canceled" or "Cancelled" or "Deactivated" or "2" or "8" => OrderStatus.Canceled,
        "Rejected" or "4" => OrderStatus.Rejected,
        _ => throw new FormatException($"Field 'ordStatus' has an unknown value '{status}'."),
    };

    private static bool? ReadReduceOnly(JsonElement row)
    {
        if (PhemexJson.TryGet(row, "reduceOnly", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return flag.GetBoolean();
        }
        var execInst = PhemexJson.OptionalString(row, "execInst");
        return execInst is null ? null : execInst.Contains("ReduceOnly", StringComparison.Ordinal);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) || text == "0" ? null : text;
}
