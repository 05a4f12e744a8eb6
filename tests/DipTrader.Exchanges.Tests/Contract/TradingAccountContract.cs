using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Contract;

/// <summary>
/// What every <see cref="ITradingAccount"/> does the same way, whichever venue is behind it: a bot's life of a
/// position (open, add, reduce, close), cancelling, a repeated client order id and a refused order. Each
/// subclass runs every scenario against one venue. Orders rest and then fill as maker at their limit price
/// when the market reaches them, so both venues must agree on sizes, entry prices and balances to the cent.
/// </summary>
public abstract class TradingAccountContract
{
    private const string Btc = ContractMarket.Symbol;
    private const decimal Balance = 10_000m;
    private const decimal Qty = 0.01m;

    private readonly List<string> _placedIds = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a fresh venue whose account holds <paramref name="balance"/> USDT and no positions.</summary>
    private protected abstract Task<IContractVenue> StartVenueAsync(decimal balance);

    [Fact]
    public async Task Resting_limit_buy_opens_a_long_at_its_price_when_the_market_trades_down_to_it()
    {
        await using var venue = await StartVenueAsync(Balance);

        var placed = await Place(venue, Buy("open-1", Qty, 59_000m));
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Null(await Long(venue));
        Assert.Equal(["open-1"], await OpenOrderIds(venue));

        await venue.MovePriceAsync(59_000m);

        var filled = await Find(venue, "open-1");
        Assert.Equal((OrderStatus.Filled, Qty, 59_000m), (filled.Status, filled.FilledQuantity, filled.AveragePrice));
        Assert.Equal((Qty, 59_000m), await LongSizeAndEntry(venue));
        Assert.Empty(await OpenOrderIds(venue));
        Assert.Equal(Balance - MakerFee(Qty, 59_000m), await BalanceOf(venue));
    }

    [Fact]
    public async Task Second_filled_buy_adds_to_the_long_at_the_size_weighted_entry_price()
    {
        await using var venue = await StartVenueAsync(Balance);
        await OpenLongAsync(venue);

        var added = await AddToLongAsync(venue);

        Assert.Equal(OrderStatus.Filled, added.Status);
        Assert.Equal((2 * Qty, 58_500m), await LongSizeAndEntry(venue));
        Assert.Equal(Balance - MakerFee(Qty, 59_000m) - MakerFee(Qty, 58_000m), await BalanceOf(venue));
    }

    [Fact]
    public async Task Reduce_only_sell_closes_part_of_the_long_and_books_its_profit_to_the_balance()
    {
        await using var venue = await StartVenueAsync(Balance);
        await OpenLongAsync(venue);
        await AddToLongAsync(venue);

        var reduce = await Place(venue, Sell("reduce-1", Qty, 59_500m));
        Assert.Equal(OrderStatus.New, reduce.Status);
        Assert.Equal((2 * Qty, 58_500m), await LongSizeAndEntry(venue));
        await venue.MovePriceAsync(59_500m);

        var filled = await Find(venue, "reduce-1");
        Assert.Equal((OrderStatus.Filled, 59_500m), (filled.Status, filled.AveragePrice));
        Assert.Equal((Qty, 58_500m), await LongSizeAndEntry(venue));
        // (59,500 − 58,500) × 0.01 = 10 USDT realised.
        Assert.Equal(Balance + 10m - MakerFee(Qty, 59_000m) - MakerFee(Qty, 58_000m) - MakerFee(Qty, 59_500m), await BalanceOf(venue));
    }

    [Fact]
    public async Task Reduce_only_sell_of_the_whole_size_closes_the_long_and_leaves_only_the_profit_minus_fees()
    {
        await using var venue = await StartVenueAsync(Balance);
        await OpenLongAsync(venue);
        await Place(venue, Sell("reduce-1", Qty / 2, 59_500m));
        await venue.MovePriceAsync(59_500m);

        await Place(venue, Sell("close-1", Qty / 2, 60_000m));
        await venue.MovePriceAsync(60_000m);

        Assert.Equal(OrderStatus.Filled, (await Find(venue, "close-1")).Status);
        Assert.Null(await Long(venue));
        Assert.Empty(await OpenOrderIds(venue));
        // (59,500 − 59,000) × 0.005 + (60,000 − 59,000) × 0.005 = 7.5 USDT realised.
        Assert.Equal(Balance + 7.5m - MakerFee(Qty, 59_000m) - MakerFee(Qty / 2, 59_500m) - MakerFee(Qty / 2, 60_000m), await BalanceOf(venue));
    }

    [Fact]
    public async Task Reduce_only_sell_larger_than_the_long_is_refused_as_invalid_and_changes_nothing()
    {
        await using var venue = await StartVenueAsync(Balance);
        await OpenLongAsync(venue);
        var balance = await BalanceOf(venue);

        var error = await Refused(Place(venue, Sell("too-big", 2 * Qty, 61_000m)));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Null(await venue.Account.FindOrderAsync(Btc, PositionSide.Long, "too-big", Ct));
        Assert.Equal((Qty, 59_000m), await LongSizeAndEntry(venue));
        Assert.Equal(balance, await BalanceOf(venue));
    }

    [Fact]
    public async Task Cancelled_resting_order_is_reported_cancelled_and_never_fills()
    {
        await using var venue = await StartVenueAsync(Balance);
        await Place(venue, Buy("cancel-me", Qty, 59_000m));

        var cancelled = await venue.Account.CancelOrderAsync(Btc, PositionSide.Long, "cancel-me", Ct);
        await venue.MovePriceAsync(58_000m);

        Assert.True(cancelled);
        var order = await Find(venue, "cancel-me");
        Assert.Equal((OrderStatus.Canceled, 0m), (order.Status, order.FilledQuantity));
        Assert.Empty(await OpenOrderIds(venue));
        Assert.Null(await Long(venue));
        Assert.Equal(Balance, await BalanceOf(venue));
        Assert.False(await venue.Account.CancelOrderAsync(Btc, PositionSide.Long, "cancel-me", Ct));
    }

    [Fact]
    public async Task Cancelling_an_order_leaves_the_symbols_other_orders_resting()
    {
        await using var venue = await StartVenueAsync(Balance);
        await Place(venue, Buy("bot-entry", Qty, 59_000m));
        await Place(venue, Buy("traders-own", Qty, 58_500m));

        Assert.False(await venue.Account.CancelOrderAsync(Btc, PositionSide.Short, "bot-entry", Ct));
        Assert.True(await venue.Account.CancelOrderAsync(Btc, PositionSide.Long, "bot-entry", Ct));

        Assert.Equal(["traders-own"], await venue.Account.GetOpenClientOrderIdsAsync(Btc, Ct));
        Assert.Equal(OrderStatus.Canceled, (await Find(venue, "bot-entry")).Status);
        Assert.False(await venue.Account.CancelOrderAsync(Btc, PositionSide.Long, "never-placed", Ct));
    }

    [Fact]
    public async Task Placing_a_resting_order_again_with_its_client_order_id_answers_that_order_and_books_no_second_one()
    {
        await using var venue = await StartVenueAsync(Balance);
        var first = await Place(venue, Buy("dup-1", Qty, 59_000m));

        var again = await venue.Account.PlaceOrderAsync(Buy("dup-1", Qty, 59_000m), Ct);

        Assert.Equal(("dup-1", first.ExchangeOrderId, OrderStatus.New), (again.ClientOrderId, again.ExchangeOrderId, again.Status));
        Assert.Equal((Qty, 59_000m, OrderSide.Buy), (again.Quantity, again.Price, again.Side));
        Assert.Equal(["dup-1"], await venue.Account.GetOpenClientOrderIdsAsync(Btc, Ct));
    }

    [Fact]
    public async Task Placing_a_filled_order_again_with_its_client_order_id_answers_the_fill_and_does_not_trade_twice()
    {
        await using var venue = await StartVenueAsync(Balance);
        var first = await OpenLongAsync(venue);
        var balance = await BalanceOf(venue);

        var again = await venue.Account.PlaceOrderAsync(Buy("open-1", Qty, 59_000m), Ct);
        await venue.MovePriceAsync(58_000m);

        Assert.Equal((first.ExchangeOrderId, OrderStatus.Filled, Qty), (again.ExchangeOrderId, again.Status, again.FilledQuantity));
        Assert.Equal((Qty, 59_000m), await LongSizeAndEntry(venue));
        Assert.Equal(balance, await BalanceOf(venue));
        Assert.Empty(await venue.Account.GetOpenClientOrderIdsAsync(Btc, Ct));
    }

    [Fact]
    public async Task Order_needing_more_margin_than_the_balance_is_refused_as_insufficient_funds_and_changes_nothing()
    {
        await using var venue = await StartVenueAsync(100m);

        // 0.02 × 59,000 / 10× leverage = 118 USDT of margin.
        var error = await Refused(Place(venue, Buy("too-much", 2 * Qty, 59_000m)));

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, error.Kind);
        Assert.Null(await venue.Account.FindOrderAsync(Btc, PositionSide.Long, "too-much", Ct));
        await venue.MovePriceAsync(58_000m);
        var account = await venue.Account.GetAccountAsync(Ct);
        Assert.Equal(100m, account.Balance);
        Assert.DoesNotContain(account.Positions, p => p.IsOpen);
        Assert.Empty(await venue.Account.GetOpenClientOrderIdsAsync(Btc, Ct));
    }

    [Fact]
    public async Task Margin_reserved_by_a_resting_buy_is_not_available_to_the_next_one()
    {
        await using var venue = await StartVenueAsync(1_000m);
        // 0.15 × 59,000 / 10 = 885 USDT reserved of 1,000; the next order needs 0.05 × 58,000 / 10 = 290.
        await Place(venue, Buy("first", 0.15m, 59_000m));

        var error = await Refused(Place(venue, Buy("second", 0.05m, 58_000m)));

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, error.Kind);
        Assert.Equal(["first"], await OpenOrderIds(venue));
    }

    private static OrderRequest Buy(string id, decimal quantity, decimal price) =>
        new(Btc, id, OrderSide.Buy, PositionSide.Long, quantity, price, TimeInForce.GoodTillCancel, false);

    private static OrderRequest Sell(string id, decimal quantity, decimal price) =>
        new(Btc, id, OrderSide.Sell, PositionSide.Long, quantity, price, TimeInForce.GoodTillCancel, true);

    private static decimal MakerFee(decimal quantity, decimal price) => quantity * price * ContractMarket.MakerFeeRate;

    /// <summary>A Long of 0.01 at 59,000, filled as maker by the price dipping to it.</summary>
    private async Task<OrderInfo> OpenLongAsync(IContractVenue venue)
    {
        await Place(venue, Buy("open-1", Qty, 59_000m));
        await venue.MovePriceAsync(59_000m);
        return await Find(venue, "open-1");
    }

    /// <summary>Another 0.01 bought at 58,000 as the price dips further.</summary>
    private async Task<OrderInfo> AddToLongAsync(IContractVenue venue)
    {
        await Place(venue, Buy("add-1", Qty, 58_000m));
        await venue.MovePriceAsync(58_000m);
        return await Find(venue, "add-1");
    }

    private async Task<OrderInfo> Place(IContractVenue venue, OrderRequest order)
    {
        _placedIds.Add(order.ClientOrderId);
        return await venue.Account.PlaceOrderAsync(order, Ct);
    }

    private static async Task<OrderInfo> Find(IContractVenue venue, string clientOrderId)
    {
        var order = await venue.Account.FindOrderAsync(Btc, PositionSide.Long, clientOrderId, Ct);
        Assert.NotNull(order);
        return order;
    }

    /// <summary>The client order ids this test placed that the venue reports as still resting, looked up one by one as a bot would.</summary>
    private async Task<List<string>> OpenOrderIds(IContractVenue venue)
    {
        var open = new List<string>();
        foreach (var id in _placedIds.Distinct(StringComparer.Ordinal))
        {
            if (await venue.Account.FindOrderAsync(Btc, PositionSide.Long, id, Ct) is { Status: OrderStatus.New or OrderStatus.PartiallyFilled })
            {
                open.Add(id);
            }
        }
        return open;
    }

    private static async Task<Position?> Long(IContractVenue venue) => (await venue.Account.GetAccountAsync(Ct)).FindOpen(Btc, PositionSide.Long);

    private static async Task<(decimal Size, decimal EntryPrice)> LongSizeAndEntry(IContractVenue venue)
    {
        var position = await Long(venue);
        Assert.NotNull(position);
        return (position.Size, position.EntryPrice);
    }

    private static async Task<decimal> BalanceOf(IContractVenue venue) => (await venue.Account.GetAccountAsync(Ct)).Balance;

    private static async Task<ExchangeError> Refused(Task<OrderInfo> placing) =>
        (await Assert.ThrowsAsync<ExchangeException>(() => placing)).Error;
}
