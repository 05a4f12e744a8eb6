using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>
/// The exact reason of every rule, as the decision wrote it eagerly before reasons were written on first read: a
/// trader reads these words, and a backtest's report must not change with how they are kept.
/// </summary>
public sealed class ReasonTextTests
{
    private static readonly Dictionary<string, Func<PositionSide, Scenario>> Cases = new(StringComparer.Ordinal)
    {
        ["W"] = side => Scenario.WithPosition(side, 0.01m, -0.2m, marginLevel: 2.0m) with { Ema200Offset = -0.5m },
        ["W without a margin level"] = side =>
        {
            var scenario = Scenario.WithPosition(side, 0.01m, -0.2m) with { Ema200Offset = -0.5m };
            return scenario with { Position = scenario.Position! with { MaintenanceMarginRate = 0m } };
        },
        ["P2"] = side => Scenario.WithPosition(side, 0.05m, -0.2m, marginLevel: 1.99m) with { Ema200Offset = -0.5m },
        ["P3"] = side => Scenario.WithPosition(side, 0.01m, -0.2m),
        ["P4"] = side => Scenario.WithPosition(side, 0.01m, -0.2m).UnknownDecline(),
        ["P5"] = side => Scenario.WithPosition(side, 0.03m, -0.2m).UnknownDecline(),
        ["P5 tapered"] = side => Scenario.WithPosition(side, 0.40m, -0.1m).UnknownDecline(),
        ["P6"] = side => Scenario.WithPosition(side, 0.03m, -0.2m).Dangerous(),
        ["P7"] = side => Scenario.WithPosition(side, 0.03m, -0.2m).UnknownDecline().Volatile(),
        ["P7 by ATR"] = side => Scenario.WithPosition(side, 0.03m, -0.2m).UnknownDecline() with { Volatility = new(Atr: 3.25, AtrThreshold: 2.0, BbWidth: 1.0, HistoricalVolatility: 0.5) },
        ["P7 by historical volatility"] = side => Scenario.WithPosition(side, 0.03m, -0.2m).UnknownDecline() with { Volatility = new(Atr: 1.0, AtrThreshold: 2.0, BbWidth: 1.0, HistoricalVolatility: 7.123456) },
        ["P8"] = side => Scenario.WithPosition(side, 0.03m, -0.01m).UnknownDecline(),
        ["CAP"] = side => Scenario.WithPosition(side, 0.50m, -0.1m),
        ["CAP over five symbols"] = side =>
        {
            var scenario = Scenario.WithPosition(side, 0.099m, -0.5m, marginLevel: 1.9m);
            return scenario with { OtherPositions = [.. new[] { "AUSDT", "BUSDT", "CUSDT", "DUSDT" }.Select(s => scenario.MakePosition(0.01m, 0m, symbol: s))] };
        },
        ["T1"] = side => Scenario.WithPosition(side, 0.10m, 0.05m, size: 2m),
        ["T2"] = side => Scenario.WithPosition(side, 0.1001m, 0.05m, size: 2m),
        ["T2 larger than the position"] = side => Scenario.WithPosition(side, 0.12m, 0.05m, size: 0.005m) with { Instrument = new Instrument(Scenario.Symbol, 0.001m, 0.01m, 1000m, 0.1m) },
        ["T3"] = side => Scenario.WithPosition(side, 0.05m, 0.1001m, size: 2.0005m),
        ["T4"] = side => Scenario.WithPosition(side, 0.075m, 0.05m),
        ["N1"] = Scenario.Flat,
        ["N2"] = side => Scenario.Flat(side).Dangerous(),
        ["N3"] = side => Scenario.Flat(side).Volatile(),
        ["N4"] = side => Scenario.Flat(side) with { Ema100H1Offset = -1.23456789123m },
        ["N5"] = side => Scenario.Flat(side) with { AutomaticMode = false },
    };

    public static TheoryData<string, PositionSide> AllCases()
    {
        var data = new TheoryData<string, PositionSide>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, PositionSide.Long);
            data.Add(name, PositionSide.Short);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Reason_reads_as_before(string name, PositionSide side)
    {
        var decision = Cases[name](side).Decide();

        Assert.Equal(Expected[(name, side)], $"{decision.Rule.Code()}: {decision.Reason}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Reason_kept_as_encoded_facts_reads_the_same(string name, PositionSide side)
    {
        var scenario = Cases[name](side);
        var decision = scenario.Decide();
        Assert.True(decision.TryGetReasonFacts(out var facts));
        var bytes = new byte[ReasonFacts.MaxEncodedLength];

        var length = facts.Encode(bytes);
        var decoded = ReasonFacts.Decode(bytes.AsSpan(0, length), scenario.Pair);

        Assert.InRange(length, 1, ReasonFacts.MaxEncodedLength);
        Assert.Equal(Expected[(name, side)], $"{decision.Rule.Code()}: {decoded.Write()}");
        Assert.Equal(decision.Reason, facts.Write());
    }

    [Fact]
    public void Decimals_keep_their_scale_through_the_encoding()
    {
        // 100.50 and 100.5 are equal decimals but print differently as a money figure; negative zero and the largest
        // decimal must survive too.
        var scenario = Scenario.WithPosition(PositionSide.Long, 0.0100m, -0.2000m, marginLevel: 2.000m) with { Ema200Offset = -0.50m };
        var decision = scenario.Decide();
        Assert.True(decision.TryGetReasonFacts(out var facts));
        foreach (var price in new[] { 100.50m, 100.5m, -0.0m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m })
        {
            var changed = facts with { Price = price, Ema = price };
            var bytes = new byte[ReasonFacts.MaxEncodedLength];
            var length = changed.Encode(bytes);

            Assert.Equal(changed.Write(), ReasonFacts.Decode(bytes.AsSpan(0, length), scenario.Pair).Write());
        }
    }

    [Fact]
    public void A_reason_replaced_by_with_is_the_new_text_and_keeps_no_facts()
    {
        var decision = Scenario.Flat(PositionSide.Long).Decide() with { Reason = "Replaced." };

        Assert.Equal("Replaced.", decision.Reason);
        Assert.False(decision.TryGetReasonFacts(out _));
    }

    [Fact]
    public void Decisions_with_the_same_words_are_equal_however_their_reason_was_given()
    {
        var made = Scenario.Flat(PositionSide.Long).Decide();
        var copied = made with { Reason = made.Reason };

        Assert.Equal(made, copied);
        Assert.Equal(made.GetHashCode(), copied.GetHashCode());
        Assert.NotEqual(made, made with { Reason = made.Reason + " " });
    }

    private static readonly Dictionary<(string, PositionSide), string> Expected = new()
    {
        [("CAP over five symbols", PositionSide.Long)] = "CAP: Margin cap: P2 wanted 1.649 (16.49 USDT margin), which would bring TESTUSDT to 10.06% of balance, above its cap of 10% (max_margin 50% over 5 active symbols); holding.",
        [("CAP over five symbols", PositionSide.Short)] = "CAP: Margin cap: P2 wanted 1.649 (16.49 USDT margin), which would bring TESTUSDT to 10.06% of balance, above its cap of 10% (max_margin 50% over 5 active symbols); holding.",
        [("CAP", PositionSide.Long)] = "CAP: Margin cap: P5 wanted 0.001 (0.01 USDT margin), which would bring TESTUSDT to 50% of balance, above its cap of 50% (max_margin 50% over 1 active symbol); holding.",
        [("CAP", PositionSide.Short)] = "CAP: Margin cap: P5 wanted 0.001 (0.01 USDT margin), which would bring TESTUSDT to 50% of balance, above its cap of 50% (max_margin 50% over 1 active symbol); holding.",
        [("N1", PositionSide.Long)] = "N1: No position; price 100 is below the 1h EMA100 101 and the market is calm: opening Long. Order 6 needs 60.00 USDT margin (0.6% of balance).",
        [("N1", PositionSide.Short)] = "N1: No position; price 100 is above the 1h EMA100 99 and the market is calm: opening Short. Order 6 needs 60.00 USDT margin (0.6% of balance).",
        [("N2", PositionSide.Long)] = "N2: No position; dangerous decline (FAST_DECLINE, score 40): no new position.",
        [("N2", PositionSide.Short)] = "N2: No position; dangerous decline (FAST_DECLINE, score 40): no new position.",
        [("N3", PositionSide.Long)] = "N3: No position; high volatility (bb_width 9 above 8): no new position.",
        [("N3", PositionSide.Short)] = "N3: No position; high volatility (bb_width 9 above 8): no new position.",
        [("N4", PositionSide.Long)] = "N4: No position; price 100 is not below the 1h EMA100 98.76543211: waiting for a dip.",
        [("N4", PositionSide.Short)] = "N4: No position; price 100 is not above the 1h EMA100 101.23456789: waiting for a rise.",
        [("N5", PositionSide.Long)] = "N5: No Long position and automatic mode is off: nothing to do.",
        [("N5", PositionSide.Short)] = "N5: No Short position and automatic mode is off: nothing to do.",
        [("P2", PositionSide.Long)] = "P2: Margin level 1.99 is below 2.00: adding to support the position. Order 10 needs 100.00 USDT margin (1% of balance).",
        [("P2", PositionSide.Short)] = "P2: Margin level 1.99 is below 2.00: adding to support the position. Order 10 needs 100.00 USDT margin (1% of balance).",
        [("P3", PositionSide.Long)] = "P3: Decline is SLOW_DECLINE, score 0 and position margin 1% of balance is below 3% (target × 1.5): adding. Order 2 needs 20.00 USDT margin (0.2% of balance).",
        [("P3", PositionSide.Short)] = "P3: Decline is SLOW_DECLINE, score 0 and position margin 1% of balance is below 3% (target × 1.5): adding. Order 2 needs 20.00 USDT margin (0.2% of balance).",
        [("P4", PositionSide.Long)] = "P4: Market is calm and position margin 1% of balance is below the 2% target: adding. Order 2 needs 20.00 USDT margin (0.2% of balance).",
        [("P4", PositionSide.Short)] = "P4: Market is calm and position margin 1% of balance is below the 2% target: adding. Order 2 needs 20.00 USDT margin (0.2% of balance).",
        [("P5 tapered", PositionSide.Long)] = "P5: Position is -10% of its margin in loss, below -5%, with price 100 on the right side of EMA50 99: adding on the dip. Order 26.666 needs 266.66 USDT margin (2.67% of balance, tapered to 66.67% near the margin cap).",
        [("P5 tapered", PositionSide.Short)] = "P5: Position is -10% of its margin in loss, below -5%, with price 100 on the right side of EMA50 101: adding on the dip. Order 26.666 needs 266.66 USDT margin (2.67% of balance, tapered to 66.67% near the margin cap).",
        [("P5", PositionSide.Long)] = "P5: Position is -20% of its margin in loss, below -5%, with price 100 on the right side of EMA50 99: adding on the dip. Order 6 needs 60.00 USDT margin (0.6% of balance).",
        [("P5", PositionSide.Short)] = "P5: Position is -20% of its margin in loss, below -5%, with price 100 on the right side of EMA50 101: adding on the dip. Order 6 needs 60.00 USDT margin (0.6% of balance).",
        [("P6", PositionSide.Long)] = "P6: Dangerous decline (FAST_DECLINE, score 40): additions are paused.",
        [("P6", PositionSide.Short)] = "P6: Dangerous decline (FAST_DECLINE, score 40): additions are paused.",
        [("P7 by ATR", PositionSide.Long)] = "P7: High volatility (atr 3.25 above 2): additions are paused.",
        [("P7 by ATR", PositionSide.Short)] = "P7: High volatility (atr 3.25 above 2): additions are paused.",
        [("P7 by historical volatility", PositionSide.Long)] = "P7: High volatility (historical_volatility 7.1235 above 5): additions are paused.",
        [("P7 by historical volatility", PositionSide.Short)] = "P7: High volatility (historical_volatility 7.1235 above 5): additions are paused.",
        [("P7", PositionSide.Long)] = "P7: High volatility (bb_width 9 above 8): additions are paused.",
        [("P7", PositionSide.Short)] = "P7: High volatility (bb_width 9 above 8): additions are paused.",
        [("P8", PositionSide.Long)] = "P8: Nothing to do: position margin 3% of balance, PnL -1% of margin; no add or profit rule applies.",
        [("P8", PositionSide.Short)] = "P8: Nothing to do: position margin 3% of balance, PnL -1% of margin; no add or profit rule applies.",
        [("T1", PositionSide.Long)] = "T1: Taking profit: position margin 10% of balance is above the 7.5% step and uPnL 50.00 USDT is 0.5% of balance; closing 33% (0.66).",
        [("T1", PositionSide.Short)] = "T1: Taking profit: position margin 10% of balance is above the 7.5% step and uPnL 50.00 USDT is 0.5% of balance; closing 33% (0.66).",
        [("T2 larger than the position", PositionSide.Long)] = "T2: Profit step 10% reached, but 50% of the position rounds to 0.01, more than its size 0.005: holding.",
        [("T2 larger than the position", PositionSide.Short)] = "T2: Profit step 10% reached, but 50% of the position rounds to 0.01, more than its size 0.005: holding.",
        [("T2", PositionSide.Long)] = "T2: Taking profit: position margin 10.01% of balance is above the 10% step and uPnL 50.05 USDT is 0.5% of balance; closing 50% (1).",
        [("T2", PositionSide.Short)] = "T2: Taking profit: position margin 10.01% of balance is above the 10% step and uPnL 50.05 USDT is 0.5% of balance; closing 50% (1).",
        [("T3", PositionSide.Long)] = "T3: Target profit reached: PnL is 10.01% of position margin, above 10%; closing the whole position (2.0005).",
        [("T3", PositionSide.Short)] = "T3: Target profit reached: PnL is 10.01% of position margin, above 10%; closing the whole position (2.0005).",
        [("T4", PositionSide.Long)] = "T4: In profit (37.50 USDT, 0.38% of balance) with margin 7.5% of balance, not above any profit step (10%, 7.5%) and PnL 5% of margin not above 10%: holding.",
        [("T4", PositionSide.Short)] = "T4: In profit (37.50 USDT, 0.38% of balance) with margin 7.5% of balance, not above any profit step (10%, 7.5%) and PnL 5% of margin not above 10%: holding.",
        [("W without a margin level", PositionSide.Long)] = "W: Long position with price 100 at or below EMA200 100.5 and margin level n/a (not below 2.00): safe, nothing to do until price is back above EMA200 or the margin level falls below 2.00.",
        [("W without a margin level", PositionSide.Short)] = "W: Short position with price 100 at or above EMA200 99.5 and margin level n/a (not below 2.00): safe, nothing to do until price is back below EMA200 or the margin level falls below 2.00.",
        [("W", PositionSide.Long)] = "W: Long position with price 100 at or below EMA200 100.5 and margin level 2.00 (not below 2.00): safe, nothing to do until price is back above EMA200 or the margin level falls below 2.00.",
        [("W", PositionSide.Short)] = "W: Short position with price 100 at or above EMA200 99.5 and margin level 2.00 (not below 2.00): safe, nothing to do until price is back below EMA200 or the margin level falls below 2.00.",
    };
}
