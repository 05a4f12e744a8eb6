using System.Globalization;
using DipTrader.Exchanges;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Notifications;

/// <summary>OPENED / ADDED / REDUCED / CLOSED messages for an order the bot placed.</summary>
internal static class PositionMessages
{
    public static Notification Update(PairSettings pair, Decision decision, OrderInfo order)
    {
        var f = decision.Figures;
        var (kind, emoji, verb) = decision.Action switch
        {
            DecisionAction.Open => (NotificationKind.PositionOpened, "🟢", "OPENED"),
            DecisionAction.Add => (NotificationKind.PositionAdded, "🔵", "ADDED"),
            DecisionAction.Reduce => (NotificationKind.PositionReduced, "🟡", "REDUCED"),
            _ => (NotificationKind.PositionClosed, f.UnrealisedPnl < 0 ? "🔴" : "🟢", "CLOSED"),
        };
        var baseAsset = pair.Symbol.EndsWith("USDT", StringComparison.Ordinal) ? pair.Symbol[..^4] : pair.Symbol;
        var fields = new List<KeyValuePair<string, string>>
        {
            NotificationComposer.Field("Symbol", pair.Symbol),
            NotificationComposer.Field("Side", $"{order.Side} ({pair.Side})"),
            NotificationComposer.Field("Order", $"{N(order.Quantity)} {baseAsset} @ {N(order.Price)}{(decision.PostOnly ? " post-only" : "")}{(decision.ReduceOnly ? " reduce-only" : "")} — {order.Status}"),
            NotificationComposer.Field("Position", $"{N(f.PositionSize)} {baseAsset}, margin {Money(f.PositionMargin)} ({Percent(f.MarginRatio)} of balance)"),
            NotificationComposer.Field("Unrealised PnL", $"{Signed(f.UnrealisedPnl)} ({Percent(f.PnlRatio)} of margin)"),
        };
        if (decision.Action is DecisionAction.Reduce or DecisionAction.Close && f.PositionSize > 0)
        {
            var share = order.Quantity / f.PositionSize;
            fields.Add(NotificationComposer.Field("PnL taken (est.)", Signed(f.UnrealisedPnl * share)));
        }
        fields.Add(NotificationComposer.Field("Balance", Money(f.Balance)));
        fields.Add(NotificationComposer.Field("Rule", $"{decision.Rule.Code()}: {decision.Reason}"));
        return new Notification(kind, emoji, $"Position {verb}: {pair.Symbol} {pair.Side}", fields);
    }

    private static string N(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => "$" + value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value >= 0 ? "+$" : "-$") + Math.Abs(value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
