using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>What happens between runs: funding at 00:00/08:00/16:00 UTC and isolated liquidation at maintenance margin.</summary>
public sealed class PaperFundingAndLiquidationTests
{
    [Fact]
    public async Task Funding_at_the_8_hour_marks_charges_longs_and_pays_shorts_at_the_mark()
    {
        var s = new PaperScenario(minutes: 1_000).TradeAt(479, 52_000m);
        s.Options.FundingRate = 0.001m;
        s.Open();
        await s.Take(PositionSide.Long, 0.1m); // fee 3.000006
        await s.Take(PositionSide.Short, 0.2m); // fee 6
        const decimal AfterFees = 9_990.999994m;

        s.At(479, second: 59);
        await s.Snapshot();
        Assert.Equal((AfterFees, 0m), (s.Account.Balance, s.Account.NetFunding));

        s.At(480); // 08:00: the 07:59 candle closed at 52,000
        await s.Snapshot();
        Assert.Equal(5.2m, s.Account.NetFunding); // short receives 10.4, long pays 5.2
        Assert.Equal(AfterFees + 5.2m, s.Account.Balance);

        s.At(960); // 16:00 at 50,000: short receives 10, long pays 5
        await s.Snapshot();
        Assert.Equal(10.2m, s.Account.NetFunding);
    }

    [Fact]
    public async Task Position_opened_after_a_funding_mark_first_pays_at_the_next_one()
    {
        var s = new PaperScenario(minutes: 1_000);
        s.Options.FundingRate = 0.001m;
        s.Open(minute: 480);
        s.At(480, second: 1);
        await s.Take(PositionSide.Short, 0.1m);

        s.At(959);
        await s.Snapshot();
        Assert.Equal(0m, s.Account.NetFunding);
        s.At(960);
        await s.Snapshot();
        Assert.Equal(5m, s.Account.NetFunding);
    }

    [Theory]
    [InlineData(PositionSide.Long, "45300", "45200", "45226.13065327")]
    [InlineData(PositionSide.Short, "54700", "54800", "54726.36815920")]
    public async Task Position_is_liquidated_when_the_candle_extreme_takes_equity_below_maintenance_and_loses_its_margin(
        PositionSide side, string safeExtreme, string fatalExtreme, string liquidationPrice)
    {
        var safe = Parse(safeExtreme);
        var fatal = Parse(fatalExtreme);
        var s = new PaperScenario()
            .TradeAt(4, side == PositionSide.Long ? 50_000m : 49_990m) // so the entry at 50,000 rests
            .TradeAt(10, 50_000m, low: side == PositionSide.Long ? safe : null, high: side == PositionSide.Short ? safe : null)
            .TradeAt(11, 50_000m, low: side == PositionSide.Long ? fatal : null, high: side == PositionSide.Short ? fatal : null)
            .Open();
        await s.Place(side.EntrySide(), side, 0.1m, 50_000m); // fills as maker on minute 5: margin 500, fee 0.5
        s.At(6);
        var exit = await s.Place(side.ExitSide(), side, 0.1m, side == PositionSide.Long ? 60_000m : 40_000m, reduceOnly: true);

        s.At(11);
        Assert.NotNull(await s.Position(side));

        s.At(12);
        Assert.Null(await s.Position(side));
        Assert.Equal(9_499.5m, s.Account.Balance);
        var liquidation = Assert.Single(s.Account.Liquidations);
        Assert.Equal((side, 0.1m, 50_000m, Parse(liquidationPrice), 500m),
            (liquidation.Side, liquidation.Size, liquidation.EntryPrice, liquidation.LiquidationPrice, liquidation.MarginLost));
        Assert.Equal(PaperScenario.Start.AddMinutes(11), liquidation.Time);
        var fill = s.Account.Fills[^1];
        Assert.Equal((FillLiquidity.Liquidation, -500m), (fill.Liquidity, fill.RealisedPnl));
        var cancelled = await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, exit.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.Equal(OrderStatus.Canceled, cancelled!.Status);
    }

    private static decimal Parse(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
