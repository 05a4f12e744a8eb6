using System.Globalization;
using System.Text.Json;
using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>The signed endpoints: account, orders, cancels, leverage, order lookups (reference A.4.1, A.4.5–A.4.8).</summary>
internal static class FakeTradingEndpoints
{
    private static readonly HashSet<string> TimesInForce = ["GoodTillCancel", "PostOnly", "ImmediateOrCancel"];

    public static FakeReply Positions(FakeExchange exchange, FakeCall call)
    {
        if (call["currency"] != "USDT")
        {
            return FakeReply.BadArguments("currency must be USDT");
        }
        var account = call.Account!;
        var rows = new List<object>();
        foreach (var symbol in account.TradedSymbols.Order(StringComparer.Ordinal))
        {
            foreach (var side in (PositionSide[])[PositionSide.Long, PositionSide.Short])
            {
                var position = account.PositionOf(symbol, side) ?? new FakePosition(symbol, side, 0m, 0m);
                rows.Add(FakeWire.Position(position, exchange.Market.Mark(symbol), account.LeverageRrOf(symbol, side), exchange.Options.MaintenanceMarginRate));
            }
        }
        var used = account.UsedMargin();
        return FakeReply.Ok(new Dictionary<string, object?>
        {
            ["account"] = new Dictionary<string, object?>
            {
                ["userID"] = 1,
                ["accountId"] = 10001,
                ["currency"] = "USDT",
                ["accountBalanceRv"] = FakeWire.Number(account.Balance),
                ["totalUsedBalanceRv"] = FakeWire.Number(used),
                ["bonusBalanceRv"] = "0",
            },
            ["positions"] = rows,
        });
    }

    public static FakeReply PlaceOrder(FakeExchange exchange, FakeCall call)
    {
        FakeOrderInput input;
        try
        {
            using var body = JsonDocument.Parse(call.Body);
            var read = ReadOrder(body.RootElement);
            if (read.Error is not null)
            {
                return read.Error;
            }
            input = read.Input!;
        }
        catch (JsonException)
        {
            return FakeReply.BadArguments("the body is not JSON");
        }
        var placement = call.Account!.Place(input, exchange.Now);
        return placement.Order is { } order ? FakeReply.Ok(FakeWire.Order(order, acknowledgement: true)) : FakeReply.Error(placement.Code, placement.Message);
    }

    public static FakeReply CancelAll(FakeExchange exchange, FakeCall call)
    {
        if (call["symbol"] is not { } symbol)
        {
            return FakeReply.MissingParameter("symbol");
        }
        // The fake has no conditional orders, so the untriggered=true call finds nothing to cancel.
        return FakeReply.Ok(call["untriggered"] == "true" ? 0 : call.Account!.CancelResting(symbol));
    }

    /// <summary><c>DELETE /g-orders/cancel</c>: one open order by client order id (or order id) on its symbol and position side.</summary>
    public static FakeReply CancelOrder(FakeExchange exchange, FakeCall call)
    {
        if (call["symbol"] is not { } symbol)
        {
            return FakeReply.MissingParameter("symbol");
        }
        if (!SideExtensions.TryParsePositionSide(call["posSide"], out var side))
        {
            return FakeReply.Error(20004, "TE_ERR_INCONSISTENT_POS_MODE");
        }
        var account = call.Account!;
        var order = call["clOrdID"] is { } id ? account.OrderOf(id)
            : call["orderID"] is { } orderId ? account.Orders.FirstOrDefault(o => o.OrderId == orderId)
            : null;
        if (call["clOrdID"] is null && call["orderID"] is null)
        {
            return FakeReply.MissingParameter("clOrdID");
        }
        return order is { IsResting: true } && order.Symbol == symbol && order.PositionSide == side
            ? FakeReply.Ok(FakeWire.Order(account.Cancel(order)))
            : FakeReply.Error(10002, "OM_ORDER_NOT_FOUND");
    }

    public static FakeReply ActiveOrders(FakeExchange exchange, FakeCall call)
    {
        if (call["symbol"] is not { } symbol)
        {
            return FakeReply.MissingParameter("symbol");
        }
        var rows = call.Account!.RestingOrders(symbol).Select(o => FakeWire.Order(o)).ToArray();
        return rows.Length == 0 ? FakeReply.Error(10002, "OM_ORDER_NOT_FOUND") : FakeReply.Ok(new Dictionary<string, object?> { ["rows"] = rows });
    }

    public static FakeReply SetLeverage(FakeExchange exchange, FakeCall call)
    {
        if (call["symbol"] is not { } symbol || exchange.Market.Listed(symbol) is null)
        {
            return FakeReply.Error(11027, "TE_SYMBOL_INVALID");
        }
        if (call["leverageRr"] is not null || call["longLeverageRr"] is null || call["shortLeverageRr"] is null)
        {
            return FakeReply.Error(20004, "TE_ERR_INCONSISTENT_POS_MODE");
        }
        if (!TryLeverage(call["longLeverageRr"], out var longLeverage) || !TryLeverage(call["shortLeverageRr"], out var shortLeverage))
        {
            return FakeReply.Error(11004, "TE_INVALID_LEVERAGE");
        }
        call.Account!.SetLeverage(symbol, longLeverage, shortLeverage);
        return FakeReply.Ok("OK");
    }

    public static FakeReply OrderHistoryById(FakeExchange exchange, FakeCall call)
    {
        if (call["symbol"] is not { } symbol)
        {
            return FakeReply.MissingParameter("symbol");
        }
        var id = call["clOrdID"] ?? call["clOrdId"];
        var orderId = call["orderID"] ?? call["orderId"];
        IEnumerable<FakeOrder> candidates = id is null ? call.Account!.Orders : call.Account!.OrderOf(id) is { } byId ? [byId] : [];
        var rows = candidates
            .Where(o => o.Symbol == symbol && (orderId is null || o.OrderId == orderId))
            .Select(FakeWire.HistoryOrder)
            .ToArray();
        return exchange.Options.OrderHistoryAsBareArray ? FakeReply.BareJson(rows) : FakeReply.Ok(rows);
    }

    /// <summary>The sign is kept: negative means cross margin, positive isolated (reference A.4.7, G.9).</summary>
    private static bool TryLeverage(string? text, out decimal leverageRr) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out leverageRr) && Math.Abs(leverageRr) is >= 1 and <= 100;

    private static (FakeOrderInput? Input, FakeReply? Error) ReadOrder(JsonElement body)
    {
        string? Text(string name) => body.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        foreach (var required in (string[])["symbol", "side", "orderQtyRq", "priceRp", "posSide"])
        {
            if (Text(required) is null)
            {
                return (null, FakeReply.MissingParameter(required));
            }
        }
        if (!SideExtensions.TryParsePositionSide(Text("posSide"), out var posSide))
        {
            return (null, FakeReply.Error(20004, "TE_ERR_INCONSISTENT_POS_MODE"));
        }
        if (Text("side") is not ("Buy" or "Sell") || (Text("ordType") ?? "Limit") != "Limit")
        {
            return (null, FakeReply.BadArguments("side must be Buy or Sell and ordType Limit"));
        }
        var timeInForce = Text("timeInForce") ?? "GoodTillCancel";
        if (!TimesInForce.Contains(timeInForce))
        {
            return (null, FakeReply.Error(11036, "TE_TIME_IN_FORCE_INVALID"));
        }
        if (!decimal.TryParse(Text("orderQtyRq"), NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity)
            || !decimal.TryParse(Text("priceRp"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
        {
            return (null, FakeReply.BadArguments("orderQtyRq and priceRp must be plain decimal strings"));
        }
        var clientOrderId = Text("clOrdID") ?? Guid.NewGuid().ToString("N");
        var side = Text("side") == "Buy" ? OrderSide.Buy : OrderSide.Sell;
        var reduceOnly = body.TryGetProperty("reduceOnly", out var flag) && flag.ValueKind == JsonValueKind.True;
        return (new FakeOrderInput(Text("symbol")!, clientOrderId, side, posSide, quantity, price, timeInForce, reduceOnly), null);
    }
}
