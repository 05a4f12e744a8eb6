using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>Automatic retries: reads, cancels and leverage changes yes (signed afresh), order placement never.</summary>
public sealed class PhemexRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_after_a_500_is_retried_and_succeeds()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.ServerError(), path: "/g-accounts/positions");

        var account = await host.Account.GetAccountAsync(Ct);

        Assert.Equal(10_000m, account.Balance);
        Assert.Equal([500, 200], host.Server.Requests.All.Select(r => r.Status));
    }

    [Fact]
    public async Task Read_after_a_timeout_is_retried_and_succeeds()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        host.Server.Faults.Next(FakeFault.Hang(), path: "/md/v3/ticker/24hr");

        var quote = await host.MarketData.GetQuoteAsync("BTCUSDT", Ct);

        Assert.Equal(60_000m, quote.Bid);
        var requests = host.Server.Requests.All;
        Assert.Equal((FakeFaultKind.Hang, 0), (requests[0].Fault!.Value, requests[0].Status));
        Assert.Equal(200, requests[^1].Status);
    }

    [Fact]
    public async Task Cancel_and_leverage_are_retried_after_server_errors()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.ServerError(502), method: "DELETE");
        host.Server.Faults.Next(FakeFault.ServerError(503), method: "PUT");

        await host.Account.CancelOrderAsync("BTCUSDT", PositionSide.Long, "never-placed", Ct);
        await host.Account.SetLeverageAsync("BTCUSDT", 3, MarginMode.Cross, Ct);

        Assert.Equal(["DELETE 502", "DELETE 200", "PUT 503", "PUT 200"], host.Server.Requests.All.Select(r => $"{r.Method} {r.Status}"));
    }

    [Fact]
    public async Task Each_attempt_is_signed_afresh_and_accepted()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.ServerError(), count: 2);

        await host.Account.GetAccountAsync(Ct);

        var requests = host.Server.Requests.All;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.NotNull(r.Signature));
        Assert.Equal(200, requests[^1].Status);
    }

    [Fact]
    public async Task Business_errors_are_not_retried()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.BusinessError(30000, "Please double check input arguments"));

        await Assert.ThrowsAsync<ExchangeException>(() => host.Account.GetAccountAsync(Ct).AsTask());

        Assert.Single(host.Server.Requests.All);
    }

    [Fact]
    public async Task Order_placement_is_never_retried_by_the_http_pipeline()
    {
        await using var host = await PhemexTestHost.StartAsync(o => o.OrderPlacement.MaxAttempts = 1);
        host.Server.Faults.Next(FakeFault.ServerError(), count: 5, method: "POST");

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.Account.PlaceOrderAsync(
            new OrderRequest("BTCUSDT", "once", OrderSide.Buy, PositionSide.Long, 0.001m, 50_000m, TimeInForce.PostOnly, false), Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.Unavailable, ex.Error.Kind);
        Assert.Single(host.Server.Requests.Matching("POST", "/g-orders"));
    }
}
