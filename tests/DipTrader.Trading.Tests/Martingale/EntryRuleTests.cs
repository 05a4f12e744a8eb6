using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>N1–N5: entries against the 1 h EMA100, paused by danger and volatility, off in manual mode.</summary>
public sealed class EntryRuleTests
{
    public static TheoryData<PositionSide> Sides => [PositionSide.Long, PositionSide.Short];

    [Theory]
    [MemberData(nameof(Sides))]
    public void Price_past_the_hourly_ema100_in_a_calm_market_opens_under_N1(PositionSide side)
    {
        var decision = Scenario.Flat(side).Decide();

        Assert.Equal(Rule.N1, decision.Rule);
        Assert.Equal(DecisionAction.Open, decision.Action);
        Assert.Equal(side.EntrySide(), decision.Side);
        Assert.Equal(Scenario.Price, decision.Price);
        Assert.Equal(6m, decision.Quantity); // 10,000 × 0.006 × 10 / 100
        Assert.True(decision.PostOnly);
        Assert.False(decision.ReduceOnly);
        Assert.Empty(decision.Alerts);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Price_exactly_at_the_hourly_ema100_waits_under_N4(PositionSide side)
    {
        var decision = (Scenario.Flat(side) with { Ema100H1Offset = 0m }).Decide();

        Assert.Equal(Rule.N4, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Price_on_the_wrong_side_of_the_hourly_ema100_waits_under_N4(PositionSide side)
    {
        var decision = (Scenario.Flat(side) with { Ema100H1Offset = -3m }).Decide();
        Assert.Equal(Rule.N4, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Dangerous_decline_blocks_a_new_position_under_N2(PositionSide side)
    {
        var decision = Scenario.Flat(side).Dangerous().Decide();

        Assert.Equal(Rule.N2, decision.Rule);
        Assert.Empty(decision.Alerts);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void High_volatility_blocks_a_new_position_under_N3(PositionSide side)
    {
        var decision = Scenario.Flat(side).Volatile().Decide();
        Assert.Equal(Rule.N3, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Danger_is_reported_before_volatility(PositionSide side)
    {
        var decision = Scenario.Flat(side).Dangerous().Volatile().Decide();
        Assert.Equal(Rule.N2, decision.Rule);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public void Manual_mode_without_a_position_holds_under_N5_whatever_the_market(PositionSide side)
    {
        var calm = (Scenario.Flat(side) with { AutomaticMode = false }).Decide();
        var wild = (Scenario.Flat(side) with { AutomaticMode = false }).Dangerous().Volatile().Decide();

        Assert.Equal(Rule.N5, calm.Rule);
        Assert.Equal(Rule.N5, wild.Rule);
    }

    [Fact]
    public void Unknown_decline_type_does_not_block_an_entry()
    {
        var decision = Scenario.Flat(PositionSide.Long).UnknownDecline().Decide();
        Assert.Equal(Rule.N1, decision.Rule);
    }

    [Fact]
    public void Post_only_off_places_entries_as_plain_limit_orders()
    {
        var decision = (Scenario.Flat(PositionSide.Long) with { Settings = MartingaleSettings.Default with { PostOnly = false } }).Decide();

        Assert.Equal(Rule.N1, decision.Rule);
        Assert.False(decision.PostOnly);
    }

    [Fact]
    public void Zero_balance_is_refused_as_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => (Scenario.Flat(PositionSide.Long) with { Balance = 0m }).Decide());
    }
}
