using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>Bad orders get the error kind Phemex gives, and change nothing.</summary>
public sealed class PaperRejectionTests
{
    [Theory]
    [InlineData(OrderSide.Buy, PositionSide.Long, "50000.1")] // at the ask
    [InlineData(OrderSide.Sell, PositionSide.Short, "50000")] // at the bid
    public async Task Post_only_order_that_would_cross_is_rejected_and_changes_nothing(OrderSide side, PositionSide positionSide, string price)
    {
        var s = new PaperScenario().Open();

        var error = await Rejected(s.Place(side, positionSide, 0.1m, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), TimeInForce.PostOnly, id: "p1"));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Equal("post-only order would cross", error.Message);
        Assert.Empty((await s.Snapshot()).Positions);
        Assert.Equal(10_000m, s.Account.Balance);
        Assert.Null(await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "p1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rejected_order_leaves_its_client_order_id_free()
    {
        var s = new PaperScenario().Open();
        await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 50_000.1m, TimeInForce.PostOnly, id: "again"));

        var retry = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, TimeInForce.PostOnly, id: "again");

        Assert.Equal(OrderStatus.New, retry.Status);
    }

    [Fact]
    public async Task Reused_client_order_id_answers_the_first_order_even_after_it_was_cancelled_and_places_nothing()
    {
        var s = new PaperScenario().Open();
        var first = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "run-7");

        var again = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 48_000m, id: "run-7");
        Assert.Equal((first.ExchangeOrderId, OrderStatus.New, 49_000m), (again.ExchangeOrderId, again.Status, again.Price));
        Assert.True(await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Long, "run-7", TestContext.Current.CancellationToken));

        var afterCancel = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "run-7");
        Assert.Equal((first.ExchangeOrderId, OrderStatus.Canceled), (afterCancel.ExchangeOrderId, afterCancel.Status));
        Assert.Empty(await s.Account.GetOpenClientOrderIdsAsync(PaperScenario.Btc, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Client_order_id_taken_on_another_symbol_is_rejected_as_a_duplicate()
    {
        var s = new PaperScenario().Open();
        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "run-7");

        var error = await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 1m, 2_900m, symbol: PaperScenario.Eth, id: "run-7"));

        Assert.Equal(ExchangeErrorKind.DuplicateClientOrderId, error.Kind);
        Assert.Null(await s.Account.FindOrderAsync(PaperScenario.Eth, PositionSide.Long, "run-7", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_placements_with_one_client_order_id_create_exactly_one_order_and_all_answer_it()
    {
        var s = new PaperScenario().Open();

        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(
            async () => await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "same"), TestContext.Current.CancellationToken)));

        Assert.Single(answers.Select(a => a.ExchangeOrderId).Distinct());
        Assert.Equal(["same"], await s.Account.GetOpenClientOrderIdsAsync(PaperScenario.Btc, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Order_needing_more_than_the_balance_is_rejected_as_insufficient_funds()
    {
        var s = new PaperScenario();
        s.Options.InitialBalance = 1_000m;
        s.Open();

        // 0.2 × 50,000.1 / 10 = 1,000.002 margin, plus the taker fee.
        var error = await Rejected(s.Take(PositionSide.Long, 0.2m));

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, error.Kind);
        Assert.Empty((await s.Snapshot()).Positions);
        Assert.Equal(1_000m, s.Account.Balance);
    }

    [Fact]
    public async Task Resting_orders_reserve_margin_until_they_are_cancelled()
    {
        var s = new PaperScenario();
        s.Options.InitialBalance = 1_000m;
        s.Open();
        var buy = await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m); // reserves 490.49
        await s.Place(OrderSide.Sell, PositionSide.Short, 0.1m, 50_500m); // reserves 505.505: 995.995 in all

        // 4.9049 more would need 1,000.8999.
        Assert.Equal(ExchangeErrorKind.InsufficientFunds, (await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 0.001m, 49_000m))).Kind);

        await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Long, buy.ClientOrderId, TestContext.Current.CancellationToken);
        Assert.Equal(OrderStatus.New, (await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m)).Status);
    }

    [Theory]
    [InlineData("0.0005")] // below the minimum 0.001
    [InlineData("0.0015")] // not on the 0.001 step
    [InlineData("0")]
    public async Task Quantity_below_the_minimum_or_off_the_step_is_an_invalid_order(string quantity)
    {
        var s = new PaperScenario().Open();

        var error = await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), 49_000m));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Contains(quantity, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Price_off_the_tick_grid_is_an_invalid_order()
    {
        var s = new PaperScenario().Open();
        Assert.Equal(ExchangeErrorKind.InvalidOrder, (await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000.05m))).Kind);
    }

    [Fact]
    public async Task Reduce_only_order_without_a_position_is_rejected()
    {
        var s = new PaperScenario().Open();

        var error = await Rejected(s.Place(OrderSide.Sell, PositionSide.Long, 0.1m, 51_000m, reduceOnly: true));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Contains("no Long position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reduce_only_order_on_the_entry_side_is_rejected_because_it_would_increase_the_position()
    {
        var s = new PaperScenario().Open();
        await s.Take(PositionSide.Long, 0.1m);

        var error = await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, reduceOnly: true));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Equal(0.1m, (await s.Position(PositionSide.Long))!.Size);
    }

    [Fact]
    public async Task Reducing_more_than_the_position_is_rejected()
    {
        var s = new PaperScenario().Open();
        await s.Take(PositionSide.Long, 0.1m);

        Assert.Equal(ExchangeErrorKind.InvalidOrder, (await Rejected(s.Place(OrderSide.Sell, PositionSide.Long, 0.2m, 51_000m, reduceOnly: true))).Kind);
    }

    [Fact]
    public async Task Unknown_symbol_is_not_found()
    {
        var s = new PaperScenario().Open();

        Assert.Equal(ExchangeErrorKind.NotFound, (await Rejected(s.Place(OrderSide.Buy, PositionSide.Long, 1m, 1m, symbol: "XRPUSDT"))).Kind);
        Assert.Equal(ExchangeErrorKind.NotFound, (await Rejected(s.Account.CancelOrderAsync("XRPUSDT", PositionSide.Long, "x", TestContext.Current.CancellationToken))).Kind);
        Assert.Equal(ExchangeErrorKind.NotFound, (await Rejected(s.Account.SetLeverageAsync("XRPUSDT", 5, MarginMode.Isolated, TestContext.Current.CancellationToken))).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Leverage_outside_1_to_100_is_rejected(int leverage)
    {
        var s = new PaperScenario().Open();
        Assert.Equal(ExchangeErrorKind.InvalidOrder, (await Rejected(s.Account.SetLeverageAsync(PaperScenario.Btc, leverage, MarginMode.Isolated, TestContext.Current.CancellationToken))).Kind);
    }

    [Fact]
    public async Task Lowering_leverage_without_the_balance_for_the_extra_margin_is_rejected_and_keeps_the_old_leverage()
    {
        var s = new PaperScenario();
        s.Options.InitialBalance = 1_000m;
        s.Open();
        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 50_000m); // fills on minute 5: margin 500
        s.At(6);

        var error = await Rejected(s.Account.SetLeverageAsync(PaperScenario.Btc, 1, MarginMode.Isolated, TestContext.Current.CancellationToken)); // margin 5,000

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, error.Kind);
        var position = await s.Position(PositionSide.Long);
        Assert.Equal((500m, (decimal?)10m), (position!.PositionMargin, position.Leverage));
    }

    private static async Task<ExchangeError> Rejected<T>(ValueTask<T> call) =>
        (await Assert.ThrowsAsync<ExchangeException>(async () => await call)).Error;

    private static async Task<ExchangeError> Rejected(ValueTask call) =>
        (await Assert.ThrowsAsync<ExchangeException>(async () => await call)).Error;
}
