using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>W, P2–P8 for Long and Short, each threshold just below and just above.</summary>
public sealed class PositionRuleTests
{
    public static TheoryData<PositionSide> Sides => [PositionSide.Long, PositionSide.Short];

    [Theory]
    [MemberData(nameof(Sides))]
    public void Safe_position_on_the_wrong_side_of_ema200_is_left_alone_by_the_gate(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.01m, -0.2m, marginLevel: 2.0m) with { Ema200Offset = -0.5m }).Decide();

        Assert.Equal(Rule.W, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Null(decision.Side);
        Assert.Null(decision.Quantity);
        Assert.Null(decision.Price);
        Assert.Contains("EMA200", decision.Reason);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Price_exactly_at_ema200_counts_as_the_wrong_side(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.01m, -0.2m) with { Ema200Offset = 0m }).Decide();
        Assert.Equal(Rule.W, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_level_just_below_critical_opens_the_gate_and_adds_under_P2(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.05m, -0.2m, marginLevel: 1.99m) with { Ema200Offset = -0.5m }).Decide();

        Assert.Equal(Rule.P2, decision.Rule);
        Assert.Equal(DecisionAction.Add, decision.Action);
        Assert.Equal(side.EntrySide(), decision.Side);
        Assert.Equal(Scenario.Price, decision.Price);
        Assert.False(decision.ReduceOnly);
        Assert.True(decision.PostOnly);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_level_just_above_critical_keeps_the_gate_closed(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.05m, -0.2m, marginLevel: 2.01m) with { Ema200Offset = -0.5m }).Decide();
        Assert.Equal(Rule.W, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Undefined_margin_level_is_never_critical(PositionSide side)
    {
        var scenario = Scenario.WithPosition(side, 0.01m, -0.2m) with { Ema200Offset = -0.5m };
        scenario = scenario with { Position = scenario.Position! with { MaintenanceMarginRate = 0m } };

        var decision = scenario.Decide();

        Assert.Equal(Rule.W, decision.Rule);
        Assert.Null(decision.Figures.MarginLevel);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Calm_safe_decline_with_margin_just_below_target_times_factor_adds_under_P3(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.0299m, 0.01m).Decide();
        Assert.Equal(Rule.P3, decision.Rule);
        Assert.Equal(DecisionAction.Add, decision.Action);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_at_target_times_factor_does_not_add_under_P3(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.03m, -0.01m).Decide();
        Assert.Equal(Rule.P8, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void P3_adds_even_in_high_volatility_when_the_decline_is_slow(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.025m, -0.01m).Volatile().Decide();
        Assert.Equal(Rule.P3, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Unknown_decline_in_a_calm_market_below_target_adds_under_P4(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.0199m, -0.01m).UnknownDecline().Decide();
        Assert.Equal(Rule.P4, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Unknown_decline_at_target_margin_does_not_add_under_P4(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.02m, -0.01m).UnknownDecline().Decide();
        Assert.Equal(Rule.P8, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Loss_just_beyond_add_below_pnl_with_price_on_the_right_side_of_ema50_adds_under_P5(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.04m, -0.0501m).Decide();

        Assert.Equal(Rule.P5, decision.Rule);
        Assert.Equal(DecisionAction.Add, decision.Action);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Loss_exactly_at_add_below_pnl_does_not_add(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.04m, -0.05m).Decide();
        Assert.Equal(Rule.P8, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Dip_add_waits_while_price_is_on_the_wrong_side_of_ema50(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.04m, -0.2m) with { Ema50Offset = -0.5m }).Decide();
        Assert.Equal(Rule.P8, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Dangerous_decline_pauses_adds_under_P6_and_raises_an_alert(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.01m, -0.2m).Dangerous().Decide();

        Assert.Equal(Rule.P6, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Contains(decision.Alerts, a => a.Kind == AlertKind.DangerousDecline);
        Assert.Contains("FAST_DECLINE", decision.Reason);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Dangerous_decline_still_lets_a_critical_position_add_under_P2(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.04m, -0.2m, marginLevel: 1.4m).Dangerous().Decide();

        Assert.Equal(Rule.P2, decision.Rule);
        Assert.Contains(decision.Alerts, a => a.Kind == AlertKind.MarginWarning);
        Assert.Contains(decision.Alerts, a => a.Kind == AlertKind.DangerousDecline && a.Message.Contains("only adding to maintain margin", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void High_volatility_above_the_safe_band_pauses_adds_under_P7(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.04m, -0.2m).Volatile().Decide();

        Assert.Equal(Rule.P7, decision.Rule);
        Assert.Contains(decision.Alerts, a => a.Kind == AlertKind.HighVolatility);
        Assert.Contains("bb_width", decision.Reason);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Nothing_applies_holds_under_P8_without_alerts(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.04m, -0.01m).Decide();

        Assert.Equal(Rule.P8, decision.Rule);
        Assert.Empty(decision.Alerts);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_warning_fires_just_below_the_warning_level_and_not_at_it(PositionSide side)
    {
        var below = Scenario.WithPosition(side, 0.04m, -0.01m, marginLevel: 1.49m).Decide();
        var at = Scenario.WithPosition(side, 0.04m, -0.01m, marginLevel: 1.5m).Decide();

        Assert.Contains(below.Alerts, a => a.Kind == AlertKind.MarginWarning);
        Assert.DoesNotContain(at.Alerts, a => a.Kind == AlertKind.MarginWarning);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Automatic_mode_plays_no_part_when_a_position_exists(PositionSide side)
    {
        var decision = (Scenario.WithPosition(side, 0.0299m, -0.01m) with { AutomaticMode = false }).Decide();
        Assert.Equal(Rule.P3, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Position_figures_are_exact_ratios(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.0123m, -0.0456m, marginLevel: 3.21m).Decide();

        Assert.Equal(-0.0456m, decision.Figures.PnlRatio);
        Assert.Equal(0.0123m, decision.Figures.MarginRatio);
        Assert.Equal(3.21m, decision.Figures.MarginLevel!.Value, 20);
    }

    [Fact]
    public void Position_of_the_other_side_is_not_the_pairs_position()
    {
        var scenario = Scenario.Flat(PositionSide.Long);
        scenario = scenario with { OtherPositions = [scenario.MakePosition(0.05m, -0.3m, side: PositionSide.Short)] };

        var decision = scenario.Decide();

        Assert.Equal(Rule.N1, decision.Rule);
        Assert.Equal(DecisionAction.Open, decision.Action);
    }
}
