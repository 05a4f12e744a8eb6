using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Phemex;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Benchmarks;

/// <summary>
/// Signed Phemex round trips over loopback against the fake server, through the whole production pipeline
/// (DI, HttpClientFactory, retry handler, rate limiter, timeout, signing, envelope parsing). Requests per second
/// = 1 / mean; client and server share the process and its two cores. Budgets are lifted so the client-side
/// rate limiter never waits. Runs in-process: it measures I/O round trips, and building a separate benchmark
/// process for the server and its dependencies can outlast BenchmarkDotNet's build timeout on a busy machine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class PhemexRequestBenchmarks
{
    private const string Key = "bench-key";
    private const string Secret = "bench-secret";

    private FakePhemexServer _server = null!;
    private ServiceProvider _services = null!;
    private ITradingAccount _account = null!;
    private IMarketData _market = null!;
    private long _orderNumber;

    [GlobalSetup]
    public void Setup()
    {
        var unlimited = new FakePhemexOptions
        {
            ContractCapacity = int.MaxValue / 2,
            OthersCapacity = int.MaxValue / 2,
            IpCapacity = int.MaxValue / 2,
            RateLimitWindow = TimeSpan.FromSeconds(1),
            IpWindow = TimeSpan.FromSeconds(1),
        };
        _server = FakePhemexServer.StartAsync(unlimited).GetAwaiter().GetResult();
        _server.AddAccount(Key, Secret, balance: 1_000_000_000m);
        _server.Account(Key).SetPosition("BTCUSDT", PositionSide.Long, 0.01m, 60_000m);
        _services = new ServiceCollection()
            .AddPhemex(o =>
            {
                o.BaseUrlOverride = _server.BaseUrl;
                // Far above what two cores can send in the one-second windows: no request ever waits.
                o.RateLimits.ContractCapacity = 1_000_000;
                o.RateLimits.OthersCapacity = 1_000_000;
                o.RateLimits.Window = TimeSpan.FromSeconds(1);
                o.RateLimits.IpCapacity = 10_000_000;
                o.RateLimits.IpWindow = TimeSpan.FromSeconds(1);
            })
            .BuildServiceProvider();
        var venue = _services.GetRequiredService<PhemexVenue>();
        _account = venue.CreateAccount(Key, Secret, testnet: false);
        _market = venue.MarketData;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Signed GET /g-accounts/positions → AccountSnapshot.</summary>
    [Benchmark]
    public async Task<AccountSnapshot> Get_positions_signed() => await _account.GetAccountAsync(CancellationToken.None);

    /// <summary>Signed POST /g-orders with a fresh client order id (immediate-or-cancel, so the fake's book stays small).</summary>
    [Benchmark]
    public async Task<OrderInfo> Post_order_signed()
    {
        var id = "bench-" + Interlocked.Increment(ref _orderNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await _account.PlaceOrderAsync(
            new OrderRequest("BTCUSDT", id, OrderSide.Buy, PositionSide.Long, 0.001m, 50_000m, TimeInForce.ImmediateOrCancel, false), CancellationToken.None);
    }

    /// <summary>Unsigned GET /md/v3/ticker/24hr → Quote, for comparison.</summary>
    [Benchmark]
    public async Task<Quote> Get_ticker_public() => await _market.GetQuoteAsync("BTCUSDT", CancellationToken.None);

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
    }
}
