using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>Every <see cref="ExchangeErrorKind"/> as the client reports it from the fake Phemex's real answers.</summary>
public sealed class PhemexErrorKindTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Insufficient_balance_is_insufficient_funds_and_sent_once()
    {
        await using var host = await PhemexTestHost.StartAsync(balance: 10m);

        var error = await PlaceFailsAsync(host, Order("big", 0.01m, 50_000m));

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, error.Kind);
        Assert.Equal("11001", error.Code);
        Assert.False(error.IsTransient);
        Assert.Single(host.Server.Requests.Matching("POST", "/g-orders"));
    }

    [Fact]
    public async Task Quantity_off_the_step_is_an_invalid_order()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var error = await PlaceFailsAsync(host, Order("odd", 0.0015m, 50_000m));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Equal("11058", error.Code);
    }

    [Fact]
    public async Task Reduce_only_without_a_position_is_an_invalid_order()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var error = await PlaceFailsAsync(host, new OrderRequest("BTCUSDT", "close", OrderSide.Sell, PositionSide.Long, 0.001m, 70_000m, TimeInForce.GoodTillCancel, true));

        Assert.Equal(ExchangeErrorKind.InvalidOrder, error.Kind);
        Assert.Equal("11057", error.Code);
    }

    [Fact]
    public async Task Unknown_key_is_an_authentication_failure_that_never_shows_the_key()
    {
        await using var host = await PhemexTestHost.StartAsync();
        const string strangerKey = "stranger-key-0001";
        var stranger = host.AccountFor(strangerKey, "stranger-secret");

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => stranger.GetAccountAsync(Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.AuthenticationFailed, ex.Error.Kind);
        Assert.Equal("10500", ex.Error.Code);
        Assert.DoesNotContain(strangerKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(strangerKey, StringComparison.Ordinal) || line.Contains("stranger-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_secret_fails_signature_verification()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.AccountFor(PhemexTestHost.ApiKey, "not-the-secret").GetAccountAsync(Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.AuthenticationFailed, ex.Error.Kind);
        Assert.Contains("Signature", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_request_is_an_authentication_failure()
    {
        var clockInThePast = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-5));
        await using var host = await PhemexTestHost.StartAsync(clientClock: clockInThePast);

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.GetAccountAsync(Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.AuthenticationFailed, ex.Error.Kind);
        Assert.Equal(401, ex.Error.HttpStatus);
        Assert.Contains("Expired", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reused_client_order_id_rejection_is_resolved_to_the_existing_order()
    {
        await using var host = await PhemexTestHost.StartAsync();
        var first = await host.Account.PlaceOrderAsync(Order("same-id", 0.001m, 50_000m), Ct);

        var second = await host.Account.PlaceOrderAsync(Order("same-id", 0.001m, 50_000m), Ct);

        Assert.Equal(first.ExchangeOrderId, second.ExchangeOrderId);
        Assert.Equal(1, host.FakeAccount.CountOrders("same-id"));
    }

    [Fact]
    public async Task Duplicate_answer_for_an_order_that_cannot_be_found_is_reported_not_resent()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.BusinessError(11085, "TE_CL_ORD_ID_DUPLICATE"), method: "POST", path: "/g-orders");

        var error = await PlaceFailsAsync(host, Order("ghost", 0.001m, 50_000m));

        Assert.Equal(ExchangeErrorKind.DuplicateClientOrderId, error.Kind);
        Assert.Contains("not sending it again", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Server.Requests.Matching("POST", "/g-orders"));
        Assert.Empty(host.FakeAccount.Orders);
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_retries_are_unavailable()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.Retry.MaxRetryAttempts = 2);
        host.Server.Faults.Next(FakeFault.ServerError(503), count: 3);

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.GetAccountAsync(Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Equal(503, ex.Error.HttpStatus);
        Assert.True(ex.Error.IsTransient);
        Assert.Equal(3, host.Server.Requests.All.Count);
    }

    [Fact]
    public async Task Timeout_is_unavailable()
    {
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.Retry.MaxRetryAttempts = 1;
        });
        host.Server.Faults.Next(FakeFault.Hang(), count: 2);

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.MarketData.GetQuoteAsync("BTCUSDT", Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Contains("in time", ex.Error.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(ex.InnerException);
    }

    [Fact]
    public async Task Nothing_listening_is_unavailable()
    {
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.BaseUrlOverride = new Uri("http://127.0.0.1:1/");
            o.Retry.MaxRetryAttempts = 1;
        });

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.MarketData.GetQuoteAsync("BTCUSDT", Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Contains("could not be reached", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_unavailable_with_a_clear_message_not_a_parser_crash()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.MalformedJson());

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.GetAccountAsync(Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Contains("/g-accounts/positions", ex.Error.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unrecognised_business_code_is_unknown_and_keeps_code_and_message()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.BusinessError(12345, "Something new"));

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.SetLeverageAsync("BTCUSDT", 5, MarginMode.Cross, Ct).AsTask());

        Assert.Equal(new ExchangeError(ExchangeErrorKind.Unknown, "Something new", "12345", 200), ex.Error);
        Assert.Single(host.Server.Requests.All);
    }

    [Fact]
    public async Task Leverage_outside_the_exchange_range_is_an_invalid_order()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.SetLeverageAsync("BTCUSDT", 500, MarginMode.Cross, Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.InvalidOrder, ex.Error.Kind);
    }

    [Fact]
    public async Task Order_for_an_unknown_symbol_is_not_found()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var error = await PlaceFailsAsync(host, new OrderRequest("NOPEUSDT", "x", OrderSide.Buy, PositionSide.Long, 1m, 1m, TimeInForce.PostOnly, false));

        Assert.Equal(ExchangeErrorKind.NotFound, error.Kind);
    }

    private static OrderRequest Order(string id, decimal quantity, decimal price) =>
        new("BTCUSDT", id, OrderSide.Buy, PositionSide.Long, quantity, price, TimeInForce.PostOnly, false);

    private static async Task<ExchangeError> PlaceFailsAsync(PhemexTestHost host, OrderRequest order) =>
        (await Assert.ThrowsAsync<ExchangeException>(() => host.Account.PlaceOrderAsync(order, Ct).AsTask())).Error;
}
