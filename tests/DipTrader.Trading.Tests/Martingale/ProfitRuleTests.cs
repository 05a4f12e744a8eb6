using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>P1 and T1–T4: profit taking, largest step first (correction 1), exits on the maker side (correction 11).</summary>
public sealed class ProfitRuleTests
{
    public static TheoryData<PositionSide> Sides => [PositionSide.Long, PositionSide.Short];

    private static decimal ExitPrice(PositionSide side) => side == PositionSide.Long ? Scenario.Price + Scenario.Spread : Scenario.Price - Scenario.Spread;

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_just_above_ten_percent_closes_half_under_T2(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.1001m, 0.05m, size: 2m).Decide();

        Assert.Equal(Rule.T2, decision.Rule);
        Assert.Equal(DecisionAction.Reduce, decision.Action);
        Assert.Equal(1.0m, decision.Quantity);
        Assert.Equal(side.ExitSide(), decision.Side);
        Assert.Equal(ExitPrice(side), decision.Price);
        Assert.True(decision.ReduceOnly);
        Assert.False(decision.PostOnly);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_at_ten_percent_closes_a_third_under_T1(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.10m, 0.05m, size: 2m).Decide();

        Assert.Equal(Rule.T1, decision.Rule);
        Assert.Equal(DecisionAction.Reduce, decision.Action);
        Assert.Equal(0.66m, decision.Quantity);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_just_above_seven_and_a_half_percent_closes_a_third_under_T1(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.075001m, 0.05m, size: 2m).Decide();
        Assert.Equal(Rule.T1, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Margin_at_seven_and_a_half_percent_with_small_pnl_holds_under_T4(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.075m, 0.05m).Decide();

        Assert.Equal(Rule.T4, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Pnl_just_above_take_profit_closes_the_whole_position_under_T3(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.05m, 0.1001m, size: 2.0005m).Decide();

        Assert.Equal(Rule.T3, decision.Rule);
        Assert.Equal(DecisionAction.Close, decision.Action);
        Assert.Equal(2.0005m, decision.Quantity);
        Assert.Equal(ExitPrice(side), decision.Price);
        Assert.True(decision.ReduceOnly);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Pnl_exactly_at_take_profit_holds_under_T4(PositionSide side)
    {
        var decision = Scenario.WithPosition(side, 0.05m, 0.10m).Decide();
        Assert.Equal(Rule.T4, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Profit_of_exactly_the_minimum_share_of_balance_is_not_taken(PositionSide side)
    {
        var atMinimum = Scenario.WithPosition(side, 0.05m, 0.06m).Decide();
        var justAbove = Scenario.WithPosition(side, 0.05m, 0.0601m).Decide();

        Assert.Equal(Rule.P8, atMinimum.Rule);
        Assert.Equal(Rule.T4, justAbove.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Profit_is_taken_from_target_margin_up_and_not_just_below_it(PositionSide side)
    {
        var atTarget = Scenario.WithPosition(side, 0.02m, 0.2m).Decide();
        var below = Scenario.WithPosition(side, 0.0199m, 0.2m).Decide();

        Assert.Equal(Rule.T3, atTarget.Rule);
        Assert.Equal(Rule.P3, below.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Partial_reduce_larger_than_the_position_holds_under_its_rule(PositionSide side)
    {
        var scenario = Scenario.WithPosition(side, 0.12m, 0.05m, size: 0.005m) with
        {
            Instrument = new Instrument(Scenario.Symbol, 0.001m, 0.01m, 1000m, 0.1m),
        };

        var decision = scenario.Decide();

        Assert.Equal(Rule.T2, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Null(decision.Quantity);
    }

    [Fact]
    public void Partial_reduce_is_clamped_to_the_maximum_order_quantity()
    {
        var decision = Scenario.WithPosition(PositionSide.Long, 0.12m, 0.05m, size: 5000m).Decide();

        Assert.Equal(Rule.T2, decision.Rule);
        Assert.Equal(1000m, decision.Quantity);
    }

    [Fact]
    public void Three_custom_steps_report_T2_for_the_larger_thresholds_and_T1_for_the_smallest()
    {
        var settings = MartingaleSettings.Default with { ReduceSteps = [new(5m, 0.2m), new(15m, 0.6m), new(10m, 0.4m)] };
        Rule RuleAt(decimal margin) => (Scenario.WithPosition(PositionSide.Long, margin, 0.08m, size: 10m) with { Settings = settings }).Decide().Rule;
        decimal QuantityAt(decimal margin) => (Scenario.WithPosition(PositionSide.Long, margin, 0.08m, size: 10m) with { Settings = settings }).Decide().Quantity!.Value;

        Assert.Equal(Rule.T2, RuleAt(0.16m));
        Assert.Equal(6m, QuantityAt(0.16m));
        Assert.Equal(Rule.T2, RuleAt(0.11m));
        Assert.Equal(4m, QuantityAt(0.11m));
        Assert.Equal(Rule.T1, RuleAt(0.06m));
        Assert.Equal(2m, QuantityAt(0.06m));
        Assert.Equal(Rule.T4, RuleAt(0.05m));
    }
}
