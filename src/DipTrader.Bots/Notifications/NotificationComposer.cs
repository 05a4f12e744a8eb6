using System.Globalization;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Notifications;

/// <summary>
/// Turns a pair's run into messages: the fills this run learned of, the order it placed, and alerts, margin-cap
/// refusals and errors when their state begins and when it ends (correction 10), never on every run.
/// </summary>
public static class NotificationComposer
{
    public static (IReadOnlyList<Notification> Messages, PairState State) Compose(PairRunResult result, PairState? previous)
    {
        var before = previous ?? NewPair;
        var now = NextState(result, previous);
        var messages = new List<Notification>(0);
        var pair = result.Pair.Settings;
        // Most runs send nothing: the pair's name is built only for a message.
        var name = new PairName(pair);
        var decision = result.Decision;
        // Fills first: they happened before this run's order.
        foreach (var settled in result.SettledOrders)
        {
            if (PositionMessages.Filled(pair, settled, decision) is { } filled)
            {
                messages.Add(filled);
            }
        }
        if (result.Order is { } order && decision is not null)
        {
            messages.Add(PositionMessages.Placed(pair, decision, order));
        }
        Transition(messages, before.MarginWarning, now.MarginWarning, decision, AlertKind.MarginWarning, "🚨", "Margin warning: ", "Margin warning over: ", name);
        Transition(messages, before.HighVolatility, now.HighVolatility, decision, AlertKind.HighVolatility, "⚠️", "High volatility: ", "Volatility back to normal: ", name);
        Transition(messages, before.DangerousDecline, now.DangerousDecline, decision, AlertKind.DangerousDecline, DeclineEmoji(decision), "Dangerous decline: ", "Decline no longer dangerous: ", name);
        if (!before.CapRefused && now.CapRefused)
        {
            messages.Add(new Notification(NotificationKind.MarginCapRefused, "⛔", $"Margin cap reached: {name}", [Field("Why", decision!.Reason)], "Adds wait until the symbol's margin falls below its cap."));
        }
        else if (before.CapRefused && !now.CapRefused && decision is not null)
        {
            messages.Add(new Notification(NotificationKind.AlertEnded, "✅", $"Margin cap no longer blocks: {name}", [Field("Now", $"{decision.Rule.Code()} {decision.Action}")]));
        }
        if (!before.Failing && now.Failing)
        {
            var placed = result.Order is null ? "No order was placed." : $"Its {decision!.Action} order was placed.";
            messages.Add(new Notification(NotificationKind.RunFailed, "❌", $"Run failed: {name}", [Field("Error", result.Error!)], $"{placed} The next run tries again."));
        }
        else if (before.Failing && !now.Failing)
        {
            messages.Add(new Notification(NotificationKind.Recovered, "✅", $"Running again: {name}", [Field("Now", $"{decision!.Rule.Code()} {decision.Action}")]));
        }
        return (messages, now);
    }

    /// <summary>
    /// The pair's alert states after the run, as <see cref="Compose"/> leaves them, without building a message: for a
    /// notifier that sends none (a backtest's). The previous state itself when no alert state changed.
    /// </summary>
    public static PairState NextState(PairRunResult result, PairState? previous)
    {
        var before = previous ?? NewPair;
        var decision = result.Decision;
        // On a failed read nothing is known about the market: alert states stay as they were.
        var marginWarning = decision is null ? before.MarginWarning : HasAlert(decision, AlertKind.MarginWarning);
        var highVolatility = decision is null ? before.HighVolatility : HasAlert(decision, AlertKind.HighVolatility);
        var dangerousDecline = decision is null ? before.DangerousDecline : HasAlert(decision, AlertKind.DangerousDecline);
        var capRefused = decision is null ? before.CapRefused : decision.Rule == Rule.Cap;
        var failing = result.Failed;
        if (marginWarning == before.MarginWarning && highVolatility == before.HighVolatility && dangerousDecline == before.DangerousDecline
            && capRefused == before.CapRefused && failing == before.Failing)
        {
            return before;
        }
        return before with
        {
            MarginWarning = marginWarning,
            HighVolatility = highVolatility,
            DangerousDecline = dangerousDecline,
            CapRefused = capRefused,
            Failing = failing,
        };
    }

    public static Notification BotStarted(BotConfiguration bot) => new(
        NotificationKind.BotStarted,
        "🚀",
        $"Bot started: {bot.Name}",
        [
            Field("Environment", bot.Exchange == "paper" ? "PAPER" : bot.Testnet ? "TESTNET" : "MAINNET"),
            Field("Pairs", string.Join(", ", bot.Pairs.Select(p => $"{p.Settings.Symbol} ({p.Settings.Side})"))),
            Field("Status", "Running"),
        ]);

    /// <remarks>Titles are prefix + name, joined only when a message is sent: most runs send none.</remarks>
    private static void Transition(List<Notification> messages, bool was, bool now, Decision? decision, AlertKind kind, string emoji, string began, string ended, PairName name)
    {
        if (!was && now)
        {
            var alert = decision!.Alerts.First(a => a.Kind == kind);
            messages.Add(new Notification(NotificationKind.AlertBegan, emoji, began + name.ToString(), [Field("Details", alert.Message), Field("Decision", $"{decision.Rule.Code()} {decision.Action}")]));
        }
        else if (was && !now && decision is not null)
        {
            messages.Add(new Notification(NotificationKind.AlertEnded, "✅", ended + name.ToString(), [Field("Margin level", decision.Figures.MarginLevel is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")]));
        }
    }

    private static readonly PairState NewPair = new();

    private static bool HasAlert(Decision decision, AlertKind kind)
    {
        var alerts = decision.Alerts;
        for (var i = 0; i < alerts.Count; i++)
        {
            if (alerts[i].Kind == kind)
            {
                return true;
            }
        }
        return false;
    }

    private static string DeclineEmoji(Decision? decision) =>
        decision?.Figures.Decline.Type == Trading.Indicators.DeclineType.Crash ? "🔴" : "🟠";

    internal static KeyValuePair<string, string> Field(string label, string value) => new(label, value);

    /// <summary>"BTCUSDT Long", formatted when a title needs it.</summary>
    private readonly struct PairName(PairSettings pair)
    {
        public override string ToString() => $"{pair.Symbol} {pair.Side}";
    }
}
