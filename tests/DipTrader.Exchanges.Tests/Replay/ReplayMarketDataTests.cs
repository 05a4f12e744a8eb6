using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Replay;

/// <summary>What a replay serves: only closed candles, longer intervals built from minutes, a quote from the last close.</summary>
public sealed class ReplayMarketDataTests
{
    // 2025-01-01 22:00 UTC: two hours before a UTC midnight, so daily candles have a boundary to respect.
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 22, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public async Task A_candle_is_served_only_once_its_interval_has_passed()
    {
        var market = Replay(minutes: 30);

        _clock.SetUtcNow(Start.AddMinutes(5).AddTicks(-1));
        var before = await market.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);
        var fiveBefore = await market.GetCandlesAsync("BTCUSDT", 5, 1000, Ct);
        _clock.SetUtcNow(Start.AddMinutes(5));
        var at = await market.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);
        var fiveAt = await market.GetCandlesAsync("BTCUSDT", 5, 1000, Ct);

        Assert.Equal(4, before.Count);
        Assert.Equal(5, at.Count);
        Assert.Equal(Start.AddMinutes(4).ToUnixTimeSeconds(), at.Last.OpenTime);
        Assert.Equal(0, fiveBefore.Count);
        Assert.Equal(Start.ToUnixTimeSeconds(), Assert.Single(fiveAt.AsEnumerable()).OpenTime);
    }

    [Fact]
    public async Task Limit_returns_the_most_recent_closed_candles()
    {
        var market = Replay(minutes: 30);
        _clock.SetUtcNow(Start.AddMinutes(20).AddSeconds(30));

        var last3 = await market.GetCandlesAsync("BTCUSDT", 1, 3, Ct);

        Assert.Equal([17L, 18L, 19L], last3.AsEnumerable().Select(c => (c.OpenTime - Start.ToUnixTimeSeconds()) / 60));
    }

    [Fact]
    public async Task Aggregated_candle_takes_the_first_open_the_last_close_the_highest_high_the_lowest_low_and_the_summed_volume()
    {
        var t = Start.ToUnixTimeSeconds();
        var minutes = CandleSeries.From(1,
        [
            new Candle(t, 100m, 105m, 99m, 104m, 1m),
            new Candle(t + 60, 104m, 110m, 103m, 106m, 2m),
            new Candle(t + 120, 106m, 107m, 95m, 96m, 3m),
            // minute 3 is missing: a gap is fine
            new Candle(t + 240, 96m, 101m, 96m, 100m, 4m),
            new Candle(t + 300, 100m, 100m, 100m, 100m, 5m),
        ]);
        var market = new ReplayMarketData("BTCUSDT", minutes, _clock);
        _clock.SetUtcNow(Start.AddMinutes(10));

        var five = (await market.GetCandlesAsync("BTCUSDT", 5, 1000, Ct)).AsEnumerable().ToList();

        Assert.Equal(new Candle(t, 100m, 110m, 95m, 100m, 10m), five[0]);
        Assert.Equal(new Candle(t + 300, 100m, 100m, 100m, 100m, 5m), five[1]);
    }

    [Fact]
    public async Task Daily_candles_start_at_utc_midnight()
    {
        var market = Replay(minutes: 4 * 60);
        _clock.SetUtcNow(Start.AddDays(2));

        var days = (await market.GetCandlesAsync("BTCUSDT", 1440, 1000, Ct)).AsEnumerable().ToList();

        Assert.Equal([new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)], days.Select(d => d.OpenedAt));
        Assert.Equal(120m, days[0].Volume); // 22:00–23:59
        Assert.Equal(120m, days[1].Volume); // 00:00–01:59
    }

    [Fact]
    public async Task Quote_is_the_last_closed_close_as_bid_and_one_tick_above_as_ask()
    {
        var market = Replay(minutes: 30);
        _clock.SetUtcNow(Start.AddMinutes(3).AddSeconds(59));

        var quote = await market.GetQuoteAsync("BTCUSDT", Ct);

        Assert.Equal(new Quote(Close(2), Close(2) + 0.1m), quote);
    }

    [Fact]
    public async Task Quote_before_the_first_candle_closed_is_unavailable()
    {
        var market = Replay(minutes: 30);
        var error = await Assert.ThrowsAsync<ExchangeException>(async () => await market.GetQuoteAsync("BTCUSDT", Ct));
        Assert.Equal(ExchangeErrorKind.Unavailable, error.Error.Kind);
    }

    [Fact]
    public async Task Unknown_symbol_is_not_found()
    {
        var market = Replay(minutes: 30);
        _clock.SetUtcNow(Start.AddMinutes(10));

        Assert.Equal(ExchangeErrorKind.NotFound, (await Assert.ThrowsAsync<ExchangeException>(async () => await market.GetCandlesAsync("XRPUSDT", 1, 10, Ct))).Error.Kind);
        Assert.Equal(ExchangeErrorKind.NotFound, (await Assert.ThrowsAsync<ExchangeException>(async () => await market.GetInstrumentAsync("XRPUSDT", Ct))).Error.Kind);
    }

    [Theory]
    [InlineData("BTCUSDT", "60000", "0.001", "0.1")]
    [InlineData("ETHUSDT", "3000", "0.01", "0.01")]
    [InlineData("SOLUSDT", "150", "0.1", "0.001")]
    [InlineData("DOGEUSDT", "0.35", "100", "0.000001")]
    [InlineData("BNBUSDT", "600", "0.1", "0.001")]
    public void Default_instruments_follow_phemex_for_the_big_three_and_scale_with_price_otherwise(string symbol, string price, string step, string tick)
    {
        var instrument = InstrumentDefaults.For(symbol, D(price));

        Assert.Equal((D(step), D(step), D(tick)), (instrument.QtyStep, instrument.MinQty, instrument.TickSize));
    }

    [Fact]
    public async Task Candle_requests_slice_the_replay_without_copying_it()
    {
        var market = Replay(minutes: 20_000);
        _clock.SetUtcNow(Start.AddMinutes(15_000));
        await market.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var candles = await market.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, candles.Count);
        Assert.True(allocated < 1_000, $"A 1000-candle request allocated {allocated} bytes.");
    }

    [Fact]
    public async Task Requests_in_any_time_order_see_exactly_the_candles_closed_at_their_moment()
    {
        var clock = new SettableClock();
        var market = Replay(minutes: 3_000, clock);
        var random = new Random(12345);

        for (var i = 0; i < 300; i++)
        {
            var second = random.Next(-120, 3_100 * 60);
            clock.Now = Start.AddSeconds(second);
            var candles = await market.GetCandlesAsync("BTCUSDT", 15, 3, Ct);

            var closed = Math.Clamp((second / 60 - (second < 0 ? 1 : 0)) / 15, 0, 200); // 15-minute candles closed by then
            var expected = Enumerable.Range(Math.Max(0, closed - 3), Math.Min(3, closed)).Select(k => Start.AddMinutes(15 * k).ToUnixTimeSeconds());
            Assert.Equal(expected, candles.AsEnumerable().Select(c => c.OpenTime));
        }
    }

    private ReplayMarketData Replay(int minutes, TimeProvider? clock = null)
    {
        var t = Start.ToUnixTimeSeconds();
        var candles = Enumerable.Range(0, minutes).Select(m => new Candle(t + 60L * m, Close(m), Close(m) + 5m, Close(m) - 5m, Close(m), 1m)).ToList();
        return new ReplayMarketData("BTCUSDT", CandleSeries.From(1, candles), clock ?? _clock);
    }

    private static decimal Close(int minute) => 50_000m + minute;

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A clock that may also go back, which FakeTimeProvider refuses.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
