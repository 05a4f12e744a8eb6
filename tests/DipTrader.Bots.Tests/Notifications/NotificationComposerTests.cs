using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Exchanges;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Tests.Notifications;

/// <summary>Alerts go out when a state begins and when it ends, never on every run (correction 10).</summary>
public sealed class NotificationComposerTests
{
    private static readonly PairConfiguration Pair = new("BTCUSDT-L", PairSettings.Create("BTCUSDT", PositionSide.Long));

    private static PairRunResult Run(params AlertKind[] alerts) => new()
    {
        Pair = Pair,
        Decision = Hold(Rule.P8, alerts),
    };

    private static Decision Hold(Rule rule, params AlertKind[] alerts) => new()
    {
        Rule = rule,
        Action = DecisionAction.Hold,
        Reason = "because",
        Alerts = [.. alerts.Select(a => new Alert(a, $"{a} <details> & more"))],
        Figures = new DecisionFigures
        {
            Balance = 1000m, Price = 100m, Bid = 100m, Ask = 100.1m, Ema50 = 99m, Ema200 = 98m, Ema100H1 = 101m,
            MarginLevel = 1.4m,
            Volatility = VolatilityMetrics.None,
            VolatilityAssessment = new VolatilityAssessment(false, VolatilityTrigger.None, null, null),
            Decline = DeclineAssessment.Unknown,
        },
    };

    [Fact]
    public void An_alert_is_sent_when_it_begins_and_when_it_ends_and_not_in_between()
    {
        var (began, state1) = NotificationComposer.Compose(Run(AlertKind.MarginWarning), null);
        var (still, state2) = NotificationComposer.Compose(Run(AlertKind.MarginWarning), state1);
        var (ended, state3) = NotificationComposer.Compose(Run(), state2);

        Assert.Equal(NotificationKind.AlertBegan, Assert.Single(began).Kind);
        Assert.Empty(still);
        Assert.Equal(NotificationKind.AlertEnded, Assert.Single(ended).Kind);
        Assert.True(state2.MarginWarning);
        Assert.False(state3.MarginWarning);
    }

    [Fact]
    public void Each_alert_kind_has_its_own_state()
    {
        var (first, state) = NotificationComposer.Compose(Run(AlertKind.HighVolatility), null);
        var (second, _) = NotificationComposer.Compose(Run(AlertKind.HighVolatility, AlertKind.DangerousDecline), state);

        Assert.Single(first);
        Assert.Contains("Dangerous decline", Assert.Single(second).Title);
    }

    [Fact]
    public void A_failed_read_keeps_the_alert_states_and_reports_the_failure_once()
    {
        var (_, alerting) = NotificationComposer.Compose(Run(AlertKind.MarginWarning), null);
        var failure = new PairRunResult { Pair = Pair, Error = "quote unavailable" };

        var (failed, failing) = NotificationComposer.Compose(failure, alerting);
        var (again, _) = NotificationComposer.Compose(failure, failing);
        var (recovered, back) = NotificationComposer.Compose(Run(AlertKind.MarginWarning), failing);

        Assert.Equal(NotificationKind.RunFailed, Assert.Single(failed).Kind);
        Assert.True(failing.MarginWarning);
        Assert.Empty(again);
        Assert.Equal(NotificationKind.Recovered, Assert.Single(recovered).Kind);
        Assert.False(back.Failing);
    }

    [Fact]
    public void A_margin_cap_refusal_is_reported_once_until_it_clears()
    {
        var cap = new PairRunResult { Pair = Pair, Decision = Hold(Rule.Cap) };

        var (refused, state) = NotificationComposer.Compose(cap, null);
        var (again, _) = NotificationComposer.Compose(cap, state);
        var (cleared, _) = NotificationComposer.Compose(Run(), state);

        Assert.Equal(NotificationKind.MarginCapRefused, Assert.Single(refused).Kind);
        Assert.Empty(again);
        Assert.Single(cleared);
    }

    [Fact]
    public void Telegram_html_escapes_every_dynamic_value()
    {
        var (messages, _) = NotificationComposer.Compose(Run(AlertKind.MarginWarning), null);

        var html = messages[0].ToHtml();
        Assert.Contains("&lt;details&gt; &amp; more", html);
        Assert.DoesNotContain("<details>", html);
    }

    private static OrderInfo Order(string clientOrderId, OrderStatus status, decimal filled = 0m, string? text = null) => new()
    {
        Symbol = "BTCUSDT", ClientOrderId = clientOrderId, Side = OrderSide.Buy, PositionSide = PositionSide.Long, Quantity = 0.002m, Price = 95_000m,
        Status = status, FilledQuantity = filled, AveragePrice = filled > 0 ? 95_000m : null, Fee = filled > 0 ? 0.02m : null, Text = text,
    };

    private static PairRunResult Placed(OrderStatus status, string? text = null) => new()
    {
        Pair = Pair,
        Decision = Hold(Rule.N1) with { Action = DecisionAction.Open, Side = OrderSide.Buy, Quantity = 0.002m, Price = 95_000m, PostOnly = true },
        Order = Order("dt-BTCUSDT-L-29400000-O", status, status == OrderStatus.Filled ? 0.002m : 0m, text),
    };

    [Fact]
    public void An_order_placed_says_whether_it_filled_rests_or_was_cancelled_at_once()
    {
        static string Title(PairRunResult result) => Assert.Single(NotificationComposer.Compose(result, null).Messages).Title;

        Assert.Equal("Position OPENED: BTCUSDT Long", Title(Placed(OrderStatus.Filled)));
        Assert.Equal("Open order resting: BTCUSDT Long", Title(Placed(OrderStatus.New)));
        var crossed = Assert.Single(NotificationComposer.Compose(Placed(OrderStatus.Canceled, "CE_WILLCROSS"), null).Messages);
        Assert.Equal(("Open order not filled: BTCUSDT Long", NotificationKind.OrderNotFilled), (crossed.Title, crossed.Kind));
        Assert.Contains(crossed.Fields, f => f.Value == "CE_WILLCROSS");
    }

    [Fact]
    public void A_fill_learned_by_a_later_run_is_announced_with_what_filled_and_an_unfilled_cancel_is_not()
    {
        var result = Run() with
        {
            SettledOrders = [Order("dt-BTCUSDT-L-29400000-A", OrderStatus.Filled, 0.002m), Order("dt-BTCUSDT-L-29400005-A", OrderStatus.Canceled)],
        };

        var message = Assert.Single(NotificationComposer.Compose(result, null).Messages);

        Assert.Equal(("Position ADDED: BTCUSDT Long", NotificationKind.PositionAdded), (message.Title, message.Kind));
        Assert.Contains(message.Fields, f => f.Key == "Filled" && f.Value == "0.002 of 0.002 BTC @ 95000");
        Assert.Contains(message.Fields, f => f.Key == "Fee" && f.Value == "$0.02");
    }
}
