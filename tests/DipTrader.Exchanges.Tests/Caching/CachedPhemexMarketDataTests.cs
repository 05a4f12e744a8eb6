using DipTrader.Exchanges.Caching;
using DipTrader.Exchanges.Tests.Phemex;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Caching;

/// <summary>
/// The market-data cache in front of the real Phemex client, counted at the fake Phemex server: many bots on
/// one (symbol, interval) cost one kline request per candle period. Server, client and cache share one fake clock.
/// </summary>
public sealed class CachedPhemexMarketDataTests
{
    private const string Klines = "/exchange/public/md/v2/kline/last";
    private const int Bots = 50;

    // 10:02:30 UTC: inside the 10:00–10:05 five-minute period.
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 2, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_bots_asking_for_the_same_candles_in_one_period_cause_one_kline_request_and_the_next_period_one_more()
    {
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(clock);
        var cache = new CachedMarketData(host.MarketData, clock);

        var answers = await AllBotsAsk(cache, _ => ("BTCUSDT", 5));

        Assert.Equal(["symbol=BTCUSDT&resolution=300&limit=1000"], KlineQueries(host));
        Assert.All(answers, a => Assert.Equal((1000, Now.AddMinutes(-7.5)), (a.Count, a.Last.OpenedAt)));

        clock.Advance(TimeSpan.FromMinutes(2)); // 10:04:30, same period
        await AllBotsAsk(cache, _ => ("BTCUSDT", 5));
        Assert.Single(KlineQueries(host));

        clock.Advance(TimeSpan.FromMinutes(1)); // 10:05:30: the 10:00 candle has closed
        var next = await AllBotsAsk(cache, _ => ("BTCUSDT", 5));
        Assert.Equal(2, KlineQueries(host).Count);
        Assert.All(next, a => Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), a.Last.OpenedAt));
    }

    [Fact]
    public async Task Bots_on_another_interval_or_symbol_cause_one_kline_request_each()
    {
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(clock);
        var cache = new CachedMarketData(host.MarketData, clock);
        (string, int)[] pairs = [("BTCUSDT", 5), ("BTCUSDT", 15), ("ETHUSDT", 5)];

        var answers = await AllBotsAsk(cache, bot => pairs[bot % pairs.Length]);

        Assert.Equal(
            ["symbol=BTCUSDT&resolution=300&limit=1000", "symbol=BTCUSDT&resolution=900&limit=1000", "symbol=ETHUSDT&resolution=300&limit=1000"],
            KlineQueries(host).Order(StringComparer.Ordinal));
        Assert.Equal([5, 15, 5], answers.Take(3).Select(a => a.IntervalMinutes));
        Assert.NotEqual(answers[0].Last.Close, answers[2].Last.Close); // BTC and ETH candles were not mixed up
    }

    private static async Task<PhemexTestHost> StartAsync(FakeTimeProvider clock) =>
        await PhemexTestHost.StartAsync(serverOptions: new FakePhemexOptions { Clock = clock }, clientClock: clock);

    /// <summary>Every bot asks at once (released together from a gate), each on its own thread.</summary>
    private static async Task<CandleSeries[]> AllBotsAsk(CachedMarketData cache, Func<int, (string Symbol, int Interval)> wants)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bots = Enumerable.Range(0, Bots).Select(bot => Task.Run(async () =>
        {
            await gate.Task;
            var (symbol, interval) = wants(bot);
            return await cache.GetCandlesAsync(symbol, interval, 1000, Ct);
        }, Ct)).ToArray();
        gate.SetResult();
        return await Task.WhenAll(bots);
    }

    private static List<string> KlineQueries(PhemexTestHost host) => [.. host.Server.Requests.Matching("GET", Klines).Select(r => r.Query)];
}
