using System.Globalization;
using DipTrader.Bots.Running;
using DipTrader.Exchanges;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Notifications;

/// <summary>
/// Messages about the bot's orders, by what happened to them: "Position OPENED / ADDED / REDUCED / CLOSED" when an order
/// filled (at once, or learned by a later run), "… order resting" when it waits on the book, "… order not filled" when the
/// exchange cancelled or refused it at once. (The predecessor said OPENED for every order sent, filled or not.)
/// </summary>
internal static class PositionMessages
{
    /// <summary>The order this run placed.</summary>
    public static Notification Placed(PairSettings pair, Decision decision, OrderInfo order)
    {
        var f = decision.Figures;
        var fields = new List<KeyValuePair<string, string>>
        {
            NotificationComposer.Field("Symbol", pair.Symbol),
            NotificationComposer.Field("Side", $"{order.Side} ({pair.Side})"),
            NotificationComposer.Field("Order", $"{N(order.Quantity)} {BaseAsset(pair)} @ {N(order.Price)}{(decision.PostOnly ? " post-only" : "")}{(decision.ReduceOnly ? " reduce-only" : "")} — {order.Status}"),
            NotificationComposer.Field("Position", $"{N(f.PositionSize)} {BaseAsset(pair)}, margin {Money(f.PositionMargin)} ({Percent(f.MarginRatio)} of balance)"),
            NotificationComposer.Field("Unrealised PnL", $"{Signed(f.UnrealisedPnl)} ({Percent(f.PnlRatio)} of margin)"),
        };
        if (decision.Action is DecisionAction.Reduce or DecisionAction.Close && f.PositionSize > 0 && order.Status == OrderStatus.Filled)
        {
            var share = order.Quantity / f.PositionSize;
            fields.Add(NotificationComposer.Field("PnL taken (est.)", Signed(f.UnrealisedPnl * share)));
        }
        fields.Add(NotificationComposer.Field("Balance", Money(f.Balance)));
        fields.Add(NotificationComposer.Field("Rule", $"{decision.Rule.Code()}: {decision.Reason}"));
        var action = decision.Action.ToString();
        return order.Status switch
        {
            OrderStatus.Filled => Position(decision.Action, f.UnrealisedPnl, pair, fields),
            OrderStatus.New or OrderStatus.PartiallyFilled => new Notification(NotificationKind.OrderResting, "⏳", $"{action} order resting: {pair.Symbol} {pair.Side}", fields,
                "It fills if the price comes to it; the next run cancels it if not and decides again."),
            _ => new Notification(NotificationKind.OrderNotFilled, "⚪", $"{action} order not filled: {pair.Symbol} {pair.Side}",
                order.Text is { } why ? [.. fields, NotificationComposer.Field("Exchange says", why)] : fields, "The next run decides again."),
        };
    }

    /// <summary>An order of an earlier run that a later run learned has filled (in part or in full); null for one that did not fill.</summary>
    public static Notification? Filled(PairSettings pair, OrderInfo order, Decision? now)
    {
        if (order.FilledQuantity <= 0 || RunSlot.ReadClientOrderId(order.ClientOrderId) is not { } placed)
        {
            return null;
        }
        var price = order.AveragePrice ?? order.Price;
        var fields = new List<KeyValuePair<string, string>>
        {
            NotificationComposer.Field("Symbol", pair.Symbol),
            NotificationComposer.Field("Side", $"{order.Side} ({pair.Side})"),
            NotificationComposer.Field("Filled", $"{N(order.FilledQuantity)} of {N(order.Quantity)} {BaseAsset(pair)} @ {N(price)}"),
        };
        if (order.Fee is { } fee)
        {
            fields.Add(NotificationComposer.Field("Fee", Money(fee)));
        }
        if (order.RealisedPnl is { } pnl && placed.Action is DecisionAction.Reduce or DecisionAction.Close)
        {
            fields.Add(NotificationComposer.Field("Realised PnL", Signed(pnl)));
        }
        if (now is not null)
        {
            var f = now.Figures;
            fields.Add(NotificationComposer.Field("Position now", $"{N(f.PositionSize)} {BaseAsset(pair)}, margin {Money(f.PositionMargin)} ({Percent(f.MarginRatio)} of balance)"));
            fields.Add(NotificationComposer.Field("Balance", Money(f.Balance)));
        }
        fields.Add(NotificationComposer.Field("Order", $"{order.ClientOrderId} — {order.Status}"));
        return Position(placed.Action, order.RealisedPnl ?? 0m, pair, fields);
    }

    private static Notification Position(DecisionAction action, decimal pnl, PairSettings pair, List<KeyValuePair<string, string>> fields)
    {
        var (kind, emoji, verb) = action switch
        {
            DecisionAction.Open => (NotificationKind.PositionOpened, "🟢", "OPENED"),
            DecisionAction.Add => (NotificationKind.PositionAdded, "🔵", "ADDED"),
            DecisionAction.Reduce => (NotificationKind.PositionReduced, "🟡", "REDUCED"),
            _ => (NotificationKind.PositionClosed, pnl < 0 ? "🔴" : "🟢", "CLOSED"),
        };
        return new Notification(kind, emoji, $"Position {verb}: {pair.Symbol} {pair.Side}", fields);
    }

    private static string BaseAsset(PairSettings pair) => pair.Symbol.EndsWith("USDT", StringComparison.Ordinal) ? pair.Symbol[..^4] : pair.Symbol;

    private static string N(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value >= 0 ? "+$" : "-$") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
