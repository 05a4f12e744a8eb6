using System.Diagnostics.Metrics;
using DipTrader.Exchanges.Phemex;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>
/// Client-side rate limiting, measured on the fake's request log: per-key weighted budgets, the process-wide
/// IP budget, and the pauses Phemex asks for (429 retry-after, exhausted remaining). Small windows keep it fast.
/// </summary>
public sealed class PhemexRateLimitTests
{
    /// <summary>
    /// Slack for loopback and scheduling jitter between the client's clock and the server's receipt times on a
    /// busy machine. A limiter that did not wait would show gaps of a few milliseconds, far below any bound here.
    /// </summary>
    private static readonly TimeSpan Jitter = TimeSpan.FromMilliseconds(150);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_answered_429_waits_the_retry_after_then_succeeds()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.RateLimited(TimeSpan.FromMilliseconds(400)), path: "/g-accounts/positions");

        await host.Account.GetAccountAsync(Ct);

        var requests = host.Server.Requests.All;
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(400) - Jitter);
    }

    [Fact]
    public async Task Order_answered_429_is_rate_limited_with_retry_after_and_holds_the_next_request_back()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.Faults.Next(FakeFault.RateLimited(TimeSpan.FromMilliseconds(500)), method: "POST");

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => PhemexTradingAccountTests.PlaceRestingAsync(host, "limited", "BTCUSDT").AsTask());
        await host.Account.GetAccountAsync(Ct);

        Assert.Equal(ExchangeErrorKind.RateLimited, ex.Error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ex.Error.RetryAfter);
        var requests = host.Server.Requests.All;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(500) - Jitter);
    }

    [Fact]
    public async Task Exhausted_remaining_header_pauses_the_group_instead_of_running_into_429()
    {
        // The fake allows 50 contract weight per second: two account reads (25 each), then "remaining 0, retry after 1".
        await using var host = await PhemexTestHost.StartAsync(serverOptions: new FakePhemexOptions { ContractCapacity = 50, RateLimitWindow = TimeSpan.FromSeconds(1) });

        for (var i = 0; i < 3; i++)
        {
            await host.Account.GetAccountAsync(Ct);
        }

        var requests = host.Server.Requests.All;
        Assert.Equal([200, 200, 200], requests.Select(r => r.Status));
        Assert.True(requests[2].ReceivedAt - requests[1].ReceivedAt >= TimeSpan.FromSeconds(1) - Jitter);
    }

    [Fact]
    public async Task Per_key_weighted_budget_is_respected_in_every_window()
    {
        var window = TimeSpan.FromMilliseconds(400);
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.RateLimits.ContractCapacity = 50; // Two account reads (weight 25) per window.
            o.RateLimits.Window = window;
        });

        await WarmUpConnectionsAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Account.GetAccountAsync(Ct).AsTask()));

        var times = host.Server.Requests.Matching("GET", "/g-accounts/positions").Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(6, times.Count);
        for (var i = 2; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 2] >= window - Jitter, $"requests {i - 2} and {i} were {(times[i] - times[i - 2]).TotalMilliseconds} ms apart");
        }
    }

    [Fact]
    public async Task Keys_have_separate_budgets()
    {
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.RateLimits.ContractCapacity = 25;
            o.RateLimits.Window = TimeSpan.FromSeconds(30);
        });
        host.Server.AddAccount("second-key", "second-secret");
        var second = host.AccountFor("second-key", "second-secret");

        await host.Account.GetAccountAsync(Ct);
        var other = second.GetAccountAsync(Ct).AsTask();

        Assert.Same(other, await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(5), Ct)));
    }

    [Fact]
    public async Task Process_wide_ip_budget_spaces_requests_of_all_keys()
    {
        var window = TimeSpan.FromMilliseconds(300);
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.RateLimits.IpCapacity = 2;
            o.RateLimits.IpWindow = window;
        });
        await WarmUpConnectionsAsync(host);
        await Task.Delay(window, Ct);
        host.Server.Requests.Clear();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => i % 2 == 0
            ? host.MarketData.GetQuoteAsync("BTCUSDT", Ct).AsTask()
            : host.Account.SetLeverageAsync("BTCUSDT", 2, MarginMode.Cross, Ct).AsTask()));

        var times = host.Server.Requests.All.Select(r => r.ReceivedAt).Order().ToList();
        Assert.True(times[4] - times[0] >= 2 * window - Jitter);
    }

    [Fact]
    public async Task Waits_are_counted_on_the_exchanges_meter()
    {
        await using var host = await PhemexTestHost.StartAsync(o =>
        {
            o.RateLimits.ContractCapacity = 25;
            // Long enough that the first call (connection set-up, JIT on a busy machine) cannot outlast it.
            o.RateLimits.Window = TimeSpan.FromSeconds(3);
        });
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        long waits = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name == PhemexMetrics.RateLimitWaitsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref waits, value));
        listener.Start();

        await host.Account.GetAccountAsync(Ct);
        await host.Account.GetAccountAsync(Ct);

        Assert.Equal(1, Interlocked.Read(ref waits));
    }

    /// <summary>Opens pooled connections first, so connection set-up does not skew the first measured requests.</summary>
    private static Task WarmUpConnectionsAsync(PhemexTestHost host) =>
        Task.WhenAll(host.MarketData.GetQuoteAsync("BTCUSDT", Ct).AsTask(), host.MarketData.GetQuoteAsync("ETHUSDT", Ct).AsTask());

    [Fact]
    public void Rate_limit_headers_are_read_case_insensitively_with_no_suffix_for_others()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining-CONTRACT", "0");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Retry-After-CONTRACT", "12");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining", "7");

        Assert.Equal(0, PhemexRateLimitHeaders.Remaining(response, PhemexRateLimitGroup.Contract));
        Assert.Equal(TimeSpan.FromSeconds(12), PhemexRateLimitHeaders.RetryAfter(response, PhemexRateLimitGroup.Contract));
        Assert.Equal(7, PhemexRateLimitHeaders.Remaining(response, PhemexRateLimitGroup.Others));
        Assert.Null(PhemexRateLimitHeaders.RetryAfter(response, PhemexRateLimitGroup.Others));
    }

    [Theory]
    [InlineData("/g-accounts/positions", PhemexRateLimitGroup.Contract, 25)]
    [InlineData("/g-orders/cancel", PhemexRateLimitGroup.Contract, 1)]
    [InlineData("/g-orders", PhemexRateLimitGroup.Contract, 1)]
    [InlineData("/exchange/public/md/v2/kline/last", PhemexRateLimitGroup.Others, 10)]
    [InlineData("/md/v3/ticker/24hr", PhemexRateLimitGroup.Others, 1)]
    [InlineData("/api-data/g-futures/orders/by-order-id", PhemexRateLimitGroup.Others, 1)]
    public void Endpoints_cost_their_documented_weight(string path, PhemexRateLimitGroup group, int weight)
    {
        Assert.Equal((group, weight), (PhemexRateLimitCost.GroupOf(path), PhemexRateLimitCost.WeightOf(path, klineWeight: 10)));
    }
}
