using System.Globalization;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>The signed endpoints over real HTTP against the fake Phemex.</summary>
public sealed class PhemexTradingAccountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_reads_balance_and_both_sides_of_each_traded_symbol()
    {
        await using var host = await PhemexTestHost.StartAsync(balance: 5_000.25m);
        host.Server.SetQuote("BTCUSDT", 59_000m, 59_000.2m);
        host.FakeAccount.SetPosition("BTCUSDT", PositionSide.Long, 0.01m, 60_000m);

        var account = await host.Account.GetAccountAsync(Ct);

        Assert.Equal(5_000.25m, account.Balance);
        var open = account.FindOpen("BTCUSDT", PositionSide.Long)!;
        Assert.Equal(new Position("BTCUSDT", PositionSide.Long, 0.01m, 60_000m, 59_000.1m, 60m, -9.999m, 0.005m, 10m, MarginMode.Cross), open);
        Assert.False(account.Positions.Single(p => p.Side == PositionSide.Short).IsOpen);
        var request = Assert.Single(host.Server.Requests.All);
        Assert.Equal("currency=USDT", request.Query);
        Assert.Equal(200, request.Status);
    }

    [Fact]
    public async Task Signed_requests_carry_key_a_60_second_expiry_and_a_valid_signature()
    {
        await using var host = await PhemexTestHost.StartAsync();

        await host.Account.GetAccountAsync(Ct);

        var request = Assert.Single(host.Server.Requests.All);
        Assert.Equal(PhemexTestHost.ApiKey, request.ApiKey);
        var expiry = long.Parse(request.Expiry!, CultureInfo.InvariantCulture);
        Assert.InRange(expiry - request.ReceivedAt.ToUnixTimeSeconds(), 59, 61);
        Assert.Matches("^[0-9a-f]{64}$", request.Signature!);
        Assert.Equal(200, request.Status); // The fake verified the signature.
    }

    [Fact]
    public async Task Placed_post_only_order_rests_and_is_sent_as_the_documented_body()
    {
        await using var host = await PhemexTestHost.StartAsync();
        var order = new OrderRequest("BTCUSDT", "pair7-run42-entry", OrderSide.Buy, PositionSide.Long, 0.002m, 59_990.5m, TimeInForce.PostOnly, false);

        var placed = await host.Account.PlaceOrderAsync(order, Ct);

        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal("pair7-run42-entry", placed.ClientOrderId);
        Assert.NotNull(placed.ExchangeOrderId);
        Assert.Equal((0.002m, 59_990.5m, OrderSide.Buy, PositionSide.Long), (placed.Quantity, placed.Price, placed.Side, placed.PositionSide));
        Assert.Equal(
            """{"symbol":"BTCUSDT","clOrdID":"pair7-run42-entry","side":"Buy","orderQtyRq":"0.002","priceRp":"59990.5","ordType":"Limit","timeInForce":"PostOnly","posSide":"Long","reduceOnly":false}""",
            Assert.Single(host.Server.Requests.Matching("POST", "/g-orders")).Body);
        Assert.True(host.FakeAccount.Order("pair7-run42-entry")!.IsResting);
    }

    [Fact]
    public async Task Crossing_gtc_order_fills_and_reports_fill_price()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("ETHUSDT", 3_000m, 3_000.5m);

        var placed = await host.Account.PlaceOrderAsync(new OrderRequest("ETHUSDT", "buy-now", OrderSide.Buy, PositionSide.Long, 0.5m, 3_001m, TimeInForce.GoodTillCancel, false), Ct);
        var account = await host.Account.GetAccountAsync(Ct);

        Assert.Equal(OrderStatus.Filled, placed.Status);
        Assert.Equal(3_000.5m, placed.AveragePrice);
        Assert.Equal(0.5m, account.FindOpen("ETHUSDT", PositionSide.Long)!.Size);
    }

    [Fact]
    public async Task Post_only_order_that_would_cross_comes_back_cancelled()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("BTCUSDT", 60_000m, 60_000.1m);

        var placed = await host.Account.PlaceOrderAsync(new OrderRequest("BTCUSDT", "cross", OrderSide.Buy, PositionSide.Long, 0.001m, 60_000.1m, TimeInForce.PostOnly, false), Ct);

        Assert.Equal(OrderStatus.Canceled, placed.Status);
        Assert.Equal("CE_WILLCROSS", placed.Text);
    }

    [Fact]
    public async Task Cancelling_an_order_sends_its_client_order_id_and_position_side_and_cancels_nothing_else()
    {
        await using var host = await PhemexTestHost.StartAsync();
        await PlaceRestingAsync(host, "a", "BTCUSDT");
        await PlaceRestingAsync(host, "b", "BTCUSDT");
        await PlaceRestingAsync(host, "c", "ETHUSDT");

        var cancelled = await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "a", Ct);

        Assert.True(cancelled);
        Assert.Equal(["symbol=BTCUSDT&posSide=Long&clOrdID=a"], host.Server.Requests.Matching("DELETE", "/g-orders/cancel").Select(r => r.Query));
        Assert.Empty(host.Server.Requests.Matching("DELETE", "/g-orders/all"));
        Assert.Equal(["Canceled", "New", "New"], host.FakeAccount.Orders.Select(o => o.Status));
        Assert.Equal(["b"], await host.Account.GetOpenClientOrderIdsAsync("BTCUSDT", Ct));
    }

    [Fact]
    public async Task Cancelling_an_order_that_is_not_open_answers_false_and_listing_no_orders_answers_none()
    {
        await using var host = await PhemexTestHost.StartAsync();
        await PlaceRestingAsync(host, "a", "BTCUSDT");
        await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "a", Ct);

        // Phemex answers 10002 OM_ORDER_NOT_FOUND for an order that is not open, and for activeList with no rows.
        Assert.False(await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "a", Ct));
        Assert.False(await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "never-placed", Ct));
        Assert.Empty(await host.Account.GetOpenClientOrderIdsAsync("BTCUSDT", Ct));
    }

    [Fact]
    public async Task Finding_a_closed_order_reads_only_the_history()
    {
        await using var host = await PhemexTestHost.StartAsync();
        await PlaceRestingAsync(host, "gone-1", "BTCUSDT");
        await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "gone-1", Ct);
        host.Server.Requests.Clear();

        var found = await host.Account.FindClosedOrderAsync("BTCUSDT", PositionSide.Long, "gone-1", Ct);

        Assert.Equal(OrderStatus.Canceled, found!.Status);
        Assert.Equal(["/api-data/g-futures/orders/by-order-id"], host.Server.Requests.All.Select(r => r.Path));
        Assert.Null(await host.Account.FindClosedOrderAsync("BTCUSDT", PositionSide.Long, "never-placed", Ct));
    }

    [Theory]
    [InlineData(MarginMode.Cross, "-7", true)]
    [InlineData(MarginMode.Isolated, "7", false)]
    public async Task Set_leverage_sets_both_sides_in_hedged_mode_signed_by_the_margin_mode(MarginMode mode, string leverageRr, bool cross)
    {
        await using var host = await PhemexTestHost.StartAsync();

        await host.Account.SetLeverageAsync("SOLUSDT", 7, mode, Ct);

        Assert.Equal($"symbol=SOLUSDT&longLeverageRr={leverageRr}&shortLeverageRr={leverageRr}", Assert.Single(host.Server.Requests.All).Query);
        Assert.All((PositionSide[])[PositionSide.Long, PositionSide.Short], side =>
            Assert.Equal((7m, cross), (host.FakeAccount.Leverage("SOLUSDT", side), host.FakeAccount.CrossMargin("SOLUSDT", side))));
        var reported = (await host.Account.GetAccountAsync(Ct)).Positions.First(p => p.Symbol == "SOLUSDT");
        Assert.Equal((7m, mode), (reported.Leverage, reported.MarginMode));
    }

    [Fact]
    public async Task Finding_an_open_order_uses_the_active_list()
    {
        await using var host = await PhemexTestHost.StartAsync();
        await PlaceRestingAsync(host, "open-1", "BTCUSDT");
        host.Server.Requests.Clear();

        var found = await host.Account.FindOrderAsync("BTCUSDT", PositionSide.Long, "open-1", Ct);

        Assert.Equal(OrderStatus.New, found!.Status);
        Assert.Equal(["/g-orders/activeList"], host.Server.Requests.All.Select(r => r.Path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Finding_a_closed_order_falls_back_to_the_history_in_either_shape(bool bareArray)
    {
        await using var host = await PhemexTestHost.StartAsync(serverOptions: new FakePhemexOptions { OrderHistoryAsBareArray = bareArray, TakerFeeRate = 0.0006m });
        host.Server.SetQuote("ETHUSDT", 3_000m, 3_000.5m);
        await host.Account.PlaceOrderAsync(new OrderRequest("ETHUSDT", "filled-1", OrderSide.Buy, PositionSide.Long, 1m, 3_001m, TimeInForce.GoodTillCancel, false), Ct);

        var found = await host.Account.FindOrderAsync("ETHUSDT", PositionSide.Long, "filled-1", Ct);

        Assert.Equal(OrderStatus.Filled, found!.Status);
        Assert.Equal(1.8003m, found.Fee);
        Assert.Equal(["/g-orders", "/g-orders/activeList", "/api-data/g-futures/orders/by-order-id"], host.Server.Requests.All.Select(r => r.Path));
        Assert.Equal("symbol=ETHUSDT&clOrdID=filled-1", host.Server.Requests.All[^1].Query);
    }

    [Fact]
    public async Task An_order_read_from_the_history_which_leaves_out_posSide_keeps_the_side_it_was_placed_for()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("ETHUSDT", 3_000m, 3_000.5m);
        await host.Account.PlaceOrderAsync(new OrderRequest("ETHUSDT", "short-1", OrderSide.Sell, PositionSide.Short, 1m, 2_999m, TimeInForce.GoodTillCancel, false), Ct);

        var found = await host.Account.FindClosedOrderAsync("ETHUSDT", PositionSide.Short, "short-1", Ct);

        Assert.Equal((PositionSide.Short, OrderSide.Sell, OrderStatus.Filled, 1m), (found!.PositionSide, found.Side, found.Status, found.FilledQuantity));
    }

    [Fact]
    public async Task Client_order_id_with_reserved_characters_survives_signing_and_lookup()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("ETHUSDT", 3_000m, 3_000.5m);
        const string id = "pair:7/run+42 &x=1";

        await host.Account.PlaceOrderAsync(new OrderRequest("ETHUSDT", id, OrderSide.Buy, PositionSide.Long, 0.1m, 3_001m, TimeInForce.GoodTillCancel, false), Ct);
        var found = await host.Account.FindOrderAsync("ETHUSDT", PositionSide.Long, id, Ct);

        Assert.Equal(id, found!.ClientOrderId);
        Assert.Equal(OrderStatus.Filled, found.Status);
        Assert.All(host.Server.Requests.All, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Finding_an_order_nobody_placed_answers_null()
    {
        await using var host = await PhemexTestHost.StartAsync();

        Assert.Null(await host.Account.FindOrderAsync("BTCUSDT", PositionSide.Long, "never-placed", Ct));
    }

    [Fact]
    public async Task Order_of_more_than_40_characters_or_no_quantity_is_refused_before_sending()
    {
        await using var host = await PhemexTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Account.PlaceOrderAsync(
            new OrderRequest("BTCUSDT", new string('x', 41), OrderSide.Buy, PositionSide.Long, 0.001m, 1m, TimeInForce.PostOnly, false), Ct).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => host.Account.PlaceOrderAsync(
            new OrderRequest("BTCUSDT", "id", OrderSide.Buy, PositionSide.Long, 0m, 1m, TimeInForce.PostOnly, false), Ct).AsTask());
        Assert.Empty(host.Server.Requests.All);
    }

    internal static ValueTask<OrderInfo> PlaceRestingAsync(PhemexTestHost host, string clientOrderId, string symbol) =>
        host.Account.PlaceOrderAsync(new OrderRequest(symbol, clientOrderId, OrderSide.Buy, PositionSide.Long, symbol == "BTCUSDT" ? 0.001m : 0.01m,
            symbol == "BTCUSDT" ? 50_000m : 2_000m, TimeInForce.PostOnly, false), Ct);
}
