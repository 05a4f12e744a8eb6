using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>How orders fill: crossing orders at once as taker, resting ones as maker on a later candle, with exact money.</summary>
public sealed class PaperFillTests
{
    [Fact]
    public async Task Crossing_good_till_cancel_buy_fills_at_once_as_taker_at_the_ask()
    {
        var s = new PaperScenario().Open();

        var order = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 50_100m);

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(0.1m, order.FilledQuantity);
        Assert.Equal(50_000.1m, order.AveragePrice);
        Assert.Equal(3.000006m, order.Fee); // 5,000.01 × 0.06 %
        Assert.Equal(9_996.999994m, s.Account.Balance);
        var position = await s.Position(PositionSide.Long);
        Assert.NotNull(position);
        Assert.Equal(0.1m, position.Size);
        Assert.Equal(50_000.1m, position.EntryPrice);
        Assert.Equal(500.001m, position.PositionMargin);
        Assert.Equal(50_000m, position.MarkPrice); // close of the last closed minute
        Assert.Equal(-0.01m, position.UnrealisedPnl);
        Assert.Equal(FillLiquidity.Taker, Assert.Single(s.Account.Fills).Liquidity);
    }

    [Fact]
    public async Task Every_read_shows_what_changed_since_the_last_one_in_the_same_minute_and_after()
    {
        var s = new PaperScenario().TradeAt(6, 50_200m).Open();
        var ct = TestContext.Current.CancellationToken;

        var flat = await s.Snapshot();
        Assert.Same(flat, await s.Snapshot()); // nothing changed: the same immutable read

        await s.Take(PositionSide.Long, 0.1m);
        var filled = await s.Snapshot();
        Assert.Equal(0.1m, filled.FindOpen(PaperScenario.Btc, PositionSide.Long)!.Size);
        Assert.True(filled.Balance < flat.Balance);

        await s.Account.SetLeverageAsync(PaperScenario.Btc, 5, MarginMode.Isolated, ct);
        var releveraged = (await s.Snapshot()).FindOpen(PaperScenario.Btc, PositionSide.Long)!;
        Assert.Equal(5m, releveraged.Leverage);
        Assert.Equal(1_000.002m, releveraged.PositionMargin); // 5,000.01 / 5

        s.At(7);
        var moved = (await s.Snapshot()).FindOpen(PaperScenario.Btc, PositionSide.Long)!;
        Assert.Equal(50_200m, moved.MarkPrice);
        Assert.Equal(19.99m, moved.UnrealisedPnl); // 0.1 × (50,200 − 50,000.1)
    }

    [Fact]
    public async Task Crossing_sell_fills_at_the_bid()
    {
        var s = new PaperScenario().Open();

        var order = await s.Place(OrderSide.Sell, PositionSide.Short, 0.1m, 49_000m);

        Assert.Equal(50_000m, order.AveragePrice);
        Assert.Equal(3m, order.Fee);
        Assert.Equal(9_997m, s.Account.Balance);
    }

    [Fact]
    public async Task Resting_buy_fills_as_maker_on_a_later_candle_and_not_on_the_candle_before_it_was_placed()
    {
        var s = new PaperScenario().TradeAt(4, 50_000m, low: 49_000m).TradeAt(7, 50_000m, low: 49_400m).Open(minute: 5);

        var placed = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_500m, TimeInForce.PostOnly);
        Assert.Equal(OrderStatus.New, placed.Status);

        s.At(7);
        Assert.Null(await s.Position(PositionSide.Long));

        s.At(8);
        var position = await s.Position(PositionSide.Long);
        Assert.NotNull(position);
        Assert.Equal(49_500m, position.EntryPrice);
        Assert.Equal(9_999.505m, s.Account.Balance); // maker fee 4,950 × 0.01 %
        var fill = Assert.Single(s.Account.Fills);
        Assert.Equal(FillLiquidity.Maker, fill.Liquidity);
        Assert.Equal(PaperScenario.Start.AddMinutes(7), fill.Time);
        var order = await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, placed.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.Equal(OrderStatus.Filled, order!.Status);
        Assert.Equal(0.495m, order.Fee);
    }

    [Fact]
    public async Task Order_placed_mid_minute_does_not_fill_on_the_candle_already_open()
    {
        var s = new PaperScenario().TradeAt(5, 50_000m, low: 49_400m).TradeAt(7, 50_000m, low: 49_400m).Open(minute: 5);
        s.At(5, second: 30);

        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_500m, TimeInForce.PostOnly);

        s.At(7);
        Assert.Null(await s.Position(PositionSide.Long));
        s.At(8);
        Assert.NotNull(await s.Position(PositionSide.Long));
        Assert.Equal(PaperScenario.Start.AddMinutes(7), Assert.Single(s.Account.Fills).Time);
    }

    [Fact]
    public async Task Long_open_add_reduce_and_close_book_exact_fees_and_realised_pnl()
    {
        var s = new PaperScenario()
            .Trade(0, 9, 50_100m).TradeAt(5, 50_100m, low: 49_950m)
            .Trade(10, 14, 48_500m).TradeAt(10, 48_500m, low: 47_900m)
            .Trade(15, 19, 49_500m).TradeAt(15, 49_500m, high: 50_050m)
            .Trade(20, 29, 50_500m).TradeAt(20, 50_500m, high: 51_000m)
            .Open(minute: 5);

        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 50_000m, TimeInForce.PostOnly);
        s.At(10);
        var opened = await s.Position(PositionSide.Long);
        Assert.Equal((0.1m, 50_000m, 500m, 10m), (opened!.Size, opened.EntryPrice, opened.PositionMargin, opened.UnrealisedPnl));
        Assert.Equal(9_999.5m, s.Account.Balance);

        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 48_000m, TimeInForce.PostOnly);
        s.At(15);
        var added = await s.Position(PositionSide.Long);
        Assert.Equal((0.2m, 49_000m, 980m, -100m), (added!.Size, added.EntryPrice, added.PositionMargin, added.UnrealisedPnl));
        Assert.Equal(9_999.02m, s.Account.Balance);

        await s.Place(OrderSide.Sell, PositionSide.Long, 0.1m, 50_000m, reduceOnly: true);
        s.At(20);
        var reduced = await s.Position(PositionSide.Long);
        Assert.Equal((0.1m, 49_000m, 490m), (reduced!.Size, reduced.EntryPrice, reduced.PositionMargin));
        Assert.Equal(10_098.52m, s.Account.Balance); // + 100 realised − 0.5 fee

        await s.Place(OrderSide.Sell, PositionSide.Long, 0.1m, 51_000m, reduceOnly: true);
        s.At(21);
        Assert.Null(await s.Position(PositionSide.Long));
        Assert.Equal(10_298.01m, s.Account.Balance); // + 200 realised − 0.51 fee
        Assert.Equal(1.99m, s.Account.FeesPaid);
        Assert.Equal([0m, 0m, 100m, 200m], s.Account.Fills.Select(f => f.RealisedPnl));
        Assert.All(s.Account.Fills, f => Assert.Equal(FillLiquidity.Maker, f.Liquidity));
        Assert.Equal([false, false, true, true], s.Account.Fills.Select(f => f.ReduceOnly));
    }

    [Fact]
    public async Task Short_open_and_close_realise_pnl_with_the_signs_reversed()
    {
        var s = new PaperScenario().Trade(5, 9, 49_000m).Open(minute: 5);
        await s.Take(PositionSide.Short, 0.1m); // at the bid, 50,000
        s.At(10);

        var close = await s.Place(OrderSide.Buy, PositionSide.Short, 0.1m, 49_100m, reduceOnly: true); // crosses at the ask

        Assert.Equal(49_000.1m, close.AveragePrice);
        Assert.Equal(99.99m, close.RealisedPnl);
        Assert.Equal(2.940006m, close.Fee);
        Assert.Equal(10_094.049994m, s.Account.Balance);
        Assert.Null(await s.Position(PositionSide.Short));
    }

    [Fact]
    public async Task Immediate_or_cancel_order_that_does_not_cross_is_cancelled_without_a_fill()
    {
        var s = new PaperScenario().TradeAt(6, 50_000m, low: 49_000m).Open();

        var order = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_500m, TimeInForce.ImmediateOrCancel);

        Assert.Equal(OrderStatus.Canceled, order.Status);
        s.At(8);
        Assert.Null(await s.Position(PositionSide.Long));
        Assert.Equal(10_000m, s.Account.Balance);
    }

    [Fact]
    public async Task Cancelling_by_client_order_id_cancels_that_order_only_and_cancelled_orders_never_fill()
    {
        var s = new PaperScenario().TradeAt(6, 50_000m, low: 48_000m, high: 52_000m).Open();
        var buy = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m);
        var sell = await s.Place(OrderSide.Sell, PositionSide.Short, 0.1m, 51_000m);
        var eth = await s.Place(OrderSide.Buy, PositionSide.Long, 1m, 2_900m, symbol: PaperScenario.Eth);

        Assert.True(await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Long, buy.ClientOrderId, TestContext.Current.CancellationToken));
        Assert.True(await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Short, sell.ClientOrderId, TestContext.Current.CancellationToken));

        s.At(8);
        var snapshot = await s.Snapshot();
        Assert.DoesNotContain(snapshot.Positions, p => p.IsOpen);
        Assert.Equal(OrderStatus.Canceled, (await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, buy.ClientOrderId, TestContext.Current.CancellationToken))!.Status);
        Assert.Equal(OrderStatus.Canceled, (await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, sell.ClientOrderId, TestContext.Current.CancellationToken))!.Status);
        Assert.Equal(OrderStatus.New, (await s.Account.FindOrderAsync(PaperScenario.Eth, PositionSide.Long, eth.ClientOrderId, TestContext.Current.CancellationToken))!.Status);
        Assert.False(await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Long, buy.ClientOrderId, TestContext.Current.CancellationToken));
        Assert.Equal([eth.ClientOrderId], await s.Account.GetOpenClientOrderIdsAsync(PaperScenario.Eth, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Find_order_knows_open_and_past_orders_by_client_order_id_and_symbol()
    {
        var s = new PaperScenario().TradeAt(6, 50_000m, low: 49_000m).Open();
        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_500m, id: "entry-1");

        var open = await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "entry-1", TestContext.Current.CancellationToken);
        Assert.Equal((OrderStatus.New, 0m, (decimal?)null), (open!.Status, open.FilledQuantity, open.AveragePrice));
        Assert.StartsWith("paper-", open.ExchangeOrderId, StringComparison.Ordinal);

        s.At(7);
        var filled = await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "entry-1", TestContext.Current.CancellationToken);
        Assert.Equal((OrderStatus.Filled, 0.1m, (decimal?)49_500m), (filled!.Status, filled.FilledQuantity, filled.AveragePrice));

        Assert.Null(await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "entry-2", TestContext.Current.CancellationToken));
        Assert.Null(await s.Account.FindOrderAsync(PaperScenario.Eth, PositionSide.Long, "entry-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Leverage_change_changes_the_position_margin_of_both_sides()
    {
        var s = new PaperScenario().Open();
        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 50_000m); // rests, fills on minute 5 (low 49,990)
        s.At(6);
        Assert.Equal(500m, (await s.Position(PositionSide.Long))!.PositionMargin);

        await s.Account.SetLeverageAsync(PaperScenario.Btc, 5, MarginMode.Isolated, TestContext.Current.CancellationToken);
        var snapshot = await s.Snapshot();
        Assert.Equal(1_000m, snapshot.FindOpen(PaperScenario.Btc, PositionSide.Long)!.PositionMargin);
        Assert.All(snapshot.Positions, p => Assert.Equal(5m, p.Leverage));

        await s.Account.SetLeverageAsync(PaperScenario.Btc, 20, MarginMode.Isolated, TestContext.Current.CancellationToken);
        Assert.Equal(250m, (await s.Position(PositionSide.Long))!.PositionMargin);
    }
}
