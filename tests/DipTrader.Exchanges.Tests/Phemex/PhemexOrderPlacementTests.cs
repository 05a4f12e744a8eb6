using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>
/// The unknown-outcome paths of placing an order (DESIGN principle 5): whatever the exchange or the network
/// does, one client order id never becomes two orders.
/// </summary>
public sealed class PhemexOrderPlacementTests
{
    private const string Orders = "/g-orders";

    private static readonly OrderRequest Entry =
        new("BTCUSDT", "pair3-run17-open", OrderSide.Buy, PositionSide.Long, 0.002m, 59_000m, TimeInForce.PostOnly, false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Order_accepted_but_answered_with_500_is_looked_up_and_returned_not_placed_again()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.AcceptThenServerError(), method: "POST", path: Orders);

        var placed = await host.Account.PlaceOrderAsync(Entry, Ct);

        Assert.Equal(Entry.ClientOrderId, placed.ClientOrderId);
        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
        Assert.Single(host.Server.Requests.Matching("POST", Orders));
        Assert.Equal(host.FakeAccount.Order(Entry.ClientOrderId)!.OrderId, placed.ExchangeOrderId);
    }

    [Fact]
    public async Task Order_accepted_but_never_answered_is_looked_up_after_the_timeout()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        host.Server.Faults.Next(FakeFault.AcceptThenHang(), method: "POST", path: Orders);

        var placed = await host.Account.PlaceOrderAsync(Entry, Ct);

        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
        Assert.Single(host.Server.Requests.Matching("POST", Orders));
    }

    [Fact]
    public async Task Order_filled_before_the_lost_answer_is_found_in_the_history()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("BTCUSDT", 58_990m, 58_990.1m);
        host.Server.Faults.Next(FakeFault.AcceptThenServerError(502), method: "POST", path: Orders);
        var crossing = Entry with { TimeInForce = TimeInForce.GoodTillCancel };

        var placed = await host.Account.PlaceOrderAsync(crossing, Ct);

        Assert.Equal(OrderStatus.Filled, placed.Status);
        Assert.Equal(58_990.1m, placed.AveragePrice);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
        Assert.Equal(0.002m, host.FakeAccount.Position("BTCUSDT", PositionSide.Long)!.Size);
    }

    [Fact]
    public async Task Order_refused_with_500_and_not_booked_is_sent_again_with_the_same_id()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.ServerError(), method: "POST", path: Orders);

        var placed = await host.Account.PlaceOrderAsync(Entry, Ct);

        Assert.Equal(OrderStatus.New, placed.Status);
        var posts = host.Server.Requests.Matching("POST", Orders);
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
        // Between the two sends, the client looked: open orders first, then the history.
        Assert.Equal(["POST /g-orders", "GET /g-orders/activeList", "GET /api-data/g-futures/orders/by-order-id", "POST /g-orders"],
            host.Server.Requests.All.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Order_lost_then_duplicate_on_resend_returns_the_order_booked_meanwhile()
    {
        await using var host = await PhemexTestHost.StartAsync();
        // The first send is booked but answered 500, and the first lookup is blind to it (both lists say "not
        // found"), so the order goes out again; Phemex answers "duplicate id" and the second lookup finds it.
        host.Server.Faults.Next(FakeFault.AcceptThenServerError(), method: "POST", path: Orders);
        host.Server.Faults.Next(FakeFault.BusinessError(10002, "OM_ORDER_NOT_FOUND"), count: 2, method: "GET", path: "/g-orders/activeList");
        host.Server.Faults.Next(FakeFault.BusinessError(10002, "OM_ORDER_NOT_FOUND"), method: "GET", path: "/api-data/g-futures/orders/by-order-id");

        var placed = await host.Account.PlaceOrderAsync(Entry, Ct);

        Assert.Equal(Entry.ClientOrderId, placed.ClientOrderId);
        Assert.Equal(2, host.Server.Requests.Matching("POST", Orders).Count);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
    }

    [Fact]
    public async Task Outage_on_every_send_gives_up_after_the_bounded_attempts_with_nothing_booked()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.OrderPlacement.MaxAttempts = 3);
        host.Server.Faults.Next(FakeFault.ServerError(503), count: 10, method: "POST", path: Orders);

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.PlaceOrderAsync(Entry, Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Contains("outcome is unknown", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Server.Requests.Matching("POST", Orders).Count);
        Assert.Empty(host.FakeAccount.Orders);
    }

    [Fact]
    public async Task Failing_lookup_stops_the_placement_instead_of_sending_blindly()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.Retry.MaxRetryAttempts = 1);
        host.Server.Faults.Next(FakeFault.ServerError(), method: "POST", path: Orders);
        host.Server.Faults.Next(FakeFault.ServerError(), count: 2, method: "GET", path: "/g-orders/activeList");

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.PlaceOrderAsync(Entry, Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Contains("looking it up", ex.Error.Message, StringComparison.Ordinal);
        Assert.Single(host.Server.Requests.Matching("POST", Orders));
    }

    [Fact]
    public async Task Malformed_answer_to_an_order_is_an_unknown_outcome_resolved_by_lookup()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.MalformedJson(), method: "POST", path: Orders);

        // The malformed answer replaces the booking here, so the lookup finds nothing and the order is sent again.
        var placed = await host.Account.PlaceOrderAsync(Entry, Ct);

        Assert.Equal(OrderStatus.New, placed.Status);
        Assert.Equal(2, host.Server.Requests.Matching("POST", Orders).Count);
        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
    }

    [Fact]
    public async Task Cancellation_aborts_a_hanging_order_without_resending()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        host.Server.Faults.Next(FakeFault.Hang(), method: "POST", path: Orders);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var placing = host.Account.PlaceOrderAsync(Entry, cancel.Token).AsTask();
        while (host.Server.Requests.All.Count == 0 && !placing.IsCompleted)
        {
            await Task.Delay(10, Ct);
        }
        var cancelledAt = DateTimeOffset.UtcNow;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => placing);
        Assert.True(DateTimeOffset.UtcNow - cancelledAt < TimeSpan.FromSeconds(5));
        Assert.Single(host.Server.Requests.All);
    }

    [Fact]
    public async Task Concurrent_placements_of_one_id_book_one_order()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.Account.PlaceOrderAsync(Entry, Ct).AsTask()));

        Assert.Equal(1, host.FakeAccount.CountOrders(Entry.ClientOrderId));
        Assert.Single(results.Select(r => r.ExchangeOrderId).Distinct());
    }
}
