using DipTrader.Exchanges.Caching;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Caching;

/// <summary>Many bots, one upstream request per candle period; quotes and instruments for their TTL; failures never kept.</summary>
public sealed class CachedMarketDataTests
{
    // 10:02:30 UTC: inside the 10:00–10:05 five-minute period.
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 10, 2, 30, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly CountingMarketData _upstream;
    private readonly CachedMarketData _cache;

    public CachedMarketDataTests()
    {
        _upstream = new CountingMarketData(_clock);
        _cache = new CachedMarketData(_upstream, _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_concurrent_bots_asking_for_the_same_candles_in_one_period_cause_one_upstream_request()
    {
        _upstream.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bots = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () => await _cache.GetCandlesAsync("BTCUSDT", 5, 1000, Ct), Ct))
            .ToList();
        await WaitUntil(() => _upstream.CandleCalls > 0);
        await Task.Delay(50, Ct);
        _upstream.Gate.SetResult();

        var answers = await Task.WhenAll(bots);

        Assert.Equal(1, _upstream.CandleCalls);
        Assert.All(answers, a => Assert.Equal(1000, a.Count));

        _clock.Advance(TimeSpan.FromMinutes(2)); // 10:04:30, same period
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _cache.GetCandlesAsync("BTCUSDT", 5, 1000, Ct).AsTask()));
        Assert.Equal(1, _upstream.CandleCalls);

        _clock.Advance(TimeSpan.FromMinutes(1)); // 10:05:30, the 10:00 candle has closed
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _cache.GetCandlesAsync("BTCUSDT", 5, 1000, Ct).AsTask()));
        Assert.Equal(2, _upstream.CandleCalls);
    }

    [Fact]
    public async Task Candles_expire_exactly_when_the_next_candle_of_their_interval_closes()
    {
        await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);

        _clock.SetUtcNow(new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero).AddTicks(-1));
        await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        Assert.Equal(1, _upstream.CandleCalls);

        _clock.SetUtcNow(new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero));
        var fresh = await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        Assert.Equal(2, _upstream.CandleCalls);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), fresh.Last.OpenedAt);
    }

    [Fact]
    public async Task Smaller_limits_are_served_from_a_larger_fetch_and_a_larger_limit_fetches_again()
    {
        var large = await _cache.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);
        var small = await _cache.GetCandlesAsync("BTCUSDT", 1, 5, Ct);
        Assert.Equal(1, _upstream.CandleCalls);
        Assert.Equal(large.AsEnumerable().TakeLast(5), small.AsEnumerable());

        await _cache.GetCandlesAsync("ETHUSDT", 1, 100, Ct);
        await _cache.GetCandlesAsync("ETHUSDT", 1, 500, Ct);
        await _cache.GetCandlesAsync("ETHUSDT", 1, 100, Ct);
        Assert.Equal(3, _upstream.CandleCalls);
    }

    [Fact]
    public async Task Intervals_and_symbols_are_cached_separately()
    {
        await _cache.GetCandlesAsync("BTCUSDT", 1, 10, Ct);
        await _cache.GetCandlesAsync("BTCUSDT", 60, 10, Ct);
        await _cache.GetCandlesAsync("ETHUSDT", 1, 10, Ct);

        Assert.Equal(3, _upstream.CandleCalls);
    }

    [Fact]
    public async Task A_failure_reaches_every_waiting_caller_once_and_is_not_cached()
    {
        _upstream.FailNext(1);
        _upstream.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 10).Select(_ => _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct).AsTask()).ToList();
        _upstream.Gate.SetResult();

        foreach (var caller in callers)
        {
            Assert.Equal(ExchangeErrorKind.Unavailable, (await Assert.ThrowsAsync<ExchangeException>(() => caller)).Error.Kind);
        }
        Assert.Equal(1, _upstream.CandleCalls);

        var retry = await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        Assert.Equal(100, retry.Count);
        Assert.Equal(2, _upstream.CandleCalls);
    }

    [Fact]
    public async Task An_answer_missing_the_newest_candle_is_fetched_again_soon_instead_of_kept_for_the_period()
    {
        _upstream.Lagging = true;
        await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        _upstream.Lagging = false;

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        Assert.Equal(1, _upstream.CandleCalls);

        _clock.Advance(TimeSpan.FromSeconds(1)); // the default 2 s retry
        var latest = await _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct);
        Assert.Equal(2, _upstream.CandleCalls);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 55, 0, TimeSpan.Zero), latest.Last.OpenedAt);
    }

    [Fact]
    public async Task Weekly_candles_which_do_not_align_to_the_epoch_are_kept_for_an_hour()
    {
        await _cache.GetCandlesAsync("BTCUSDT", 10080, 10, Ct);
        _clock.Advance(TimeSpan.FromMinutes(59));
        await _cache.GetCandlesAsync("BTCUSDT", 10080, 10, Ct);
        Assert.Equal(1, _upstream.CandleCalls);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _cache.GetCandlesAsync("BTCUSDT", 10080, 10, Ct);
        Assert.Equal(2, _upstream.CandleCalls);
    }

    [Fact]
    public async Task Quotes_are_kept_for_their_ttl()
    {
        var first = await _cache.GetQuoteAsync("BTCUSDT", Ct);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(first, await _cache.GetQuoteAsync("BTCUSDT", Ct));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(first, await _cache.GetQuoteAsync("BTCUSDT", Ct));
        Assert.Equal(2, _upstream.QuoteCalls);
    }

    [Fact]
    public async Task Instruments_are_kept_for_their_ttl()
    {
        await _cache.GetInstrumentAsync("BTCUSDT", Ct);
        await _cache.GetInstrumentsAsync(Ct);
        _clock.Advance(TimeSpan.FromMinutes(59));
        await _cache.GetInstrumentAsync("BTCUSDT", Ct);
        await _cache.GetInstrumentsAsync(Ct);
        Assert.Equal(2, _upstream.InstrumentCalls);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _cache.GetInstrumentAsync("BTCUSDT", Ct);
        Assert.Equal(3, _upstream.InstrumentCalls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_request()
    {
        _upstream.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        var givingUp = _cache.GetCandlesAsync("BTCUSDT", 5, 100, impatient.Token).AsTask();
        var patient = _cache.GetCandlesAsync("BTCUSDT", 5, 100, Ct).AsTask();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givingUp);
        _upstream.Gate.SetResult();

        Assert.Equal(100, (await patient).Count);
        Assert.Equal(1, _upstream.CandleCalls);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5, Ct);
        }
        Assert.True(condition());
    }
}
