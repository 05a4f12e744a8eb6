using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>Public market data over real HTTP against the fake Phemex.</summary>
public sealed class PhemexMarketDataTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 5, 12, 0, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quote_is_the_v3_ticker_bid_and_ask_without_signature()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetQuote("ETHUSDT", 3012.34m, 3012.35m);

        var quote = await host.MarketData.GetQuoteAsync("ETHUSDT", Ct);

        Assert.Equal(new Quote(3012.34m, 3012.35m), quote);
        var request = Assert.Single(host.Server.Requests.All);
        Assert.Equal("/md/v3/ticker/24hr", request.Path);
        Assert.Equal("symbol=ETHUSDT", request.Query);
        Assert.Null(request.Signature);
    }

    [Fact]
    public async Task Quote_of_an_unknown_symbol_is_not_found()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.MarketData.GetQuoteAsync("NOPEUSDT", Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.NotFound, ex.Error.Kind);
        Assert.Equal("6001", ex.Error.Code);
    }

    [Fact]
    public async Task Instruments_are_the_listed_perpetuals_with_step_as_minimum()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetProduct(new FakeProduct("DOGEUSDT", 1m, 0.00001m, 5_000_000m));

        var instruments = await host.MarketData.GetInstrumentsAsync(Ct);
        var doge = await host.MarketData.GetInstrumentAsync("DOGEUSDT", Ct);

        Assert.Equal(["BTCUSDT", "DOGEUSDT", "ETHUSDT", "SOLUSDT"], instruments.Select(i => i.Symbol).Order(StringComparer.Ordinal));
        Assert.Equal(new Instrument("DOGEUSDT", 1m, 1m, 5_000_000m, 0.00001m), doge);
    }

    [Fact]
    public async Task A_contract_whose_step_is_above_its_largest_order_is_refused_by_name_and_the_others_still_trade()
    {
        await using var host = await PhemexTestHost.StartAsync();
        host.Server.SetProduct(new FakeProduct("ODDUSDT", 10m, 0.01m, 5m));

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.MarketData.GetInstrumentAsync("ODDUSDT", Ct).AsTask());
        var instruments = await host.MarketData.GetInstrumentsAsync(Ct);

        Assert.Equal(ExchangeErrorKind.NotFound, ex.Error.Kind);
        Assert.Equal("Phemex's ODDUSDT contract cannot be traded: its smallest order (one qtyStepSize, 10) is above its largest (maxOrderQtyRq 5).", ex.Error.Message);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], instruments.Select(i => i.Symbol).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Products_are_fetched_once_for_many_concurrent_callers()
    {
        await using var host = await PhemexTestHost.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.MarketData.GetInstrumentAsync(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", Ct).AsTask()));
        await host.MarketData.GetInstrumentsAsync(Ct);

        Assert.Single(host.Server.Requests.Matching("GET", "/public/products"));
    }

    [Fact]
    public async Task Products_are_fetched_again_once_the_cache_period_is_over()
    {
        var clock = new FakeTimeProvider(Noon);
        await using var host = await PhemexTestHost.StartAsync(o => o.ProductsCacheDuration = TimeSpan.FromMinutes(10), new FakePhemexOptions { Clock = clock }, clock);

        await host.MarketData.GetInstrumentAsync("BTCUSDT", Ct);
        clock.Advance(TimeSpan.FromMinutes(9));
        await host.MarketData.GetInstrumentAsync("BTCUSDT", Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.MarketData.GetInstrumentAsync("BTCUSDT", Ct);

        Assert.Equal(2, host.Server.Requests.Matching("GET", "/public/products").Count);
    }

    [Fact]
    public async Task Delisted_or_unknown_instrument_is_not_found()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ExchangeException>(() => host.MarketData.GetInstrumentAsync("LUNAUSDT", Ct).AsTask());

        Assert.Equal(ExchangeErrorKind.NotFound, ex.Error.Kind);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    public async Task Candles_are_closed_ones_oldest_first_from_rows_of_either_width(int rowFields)
    {
        var clock = new FakeTimeProvider(Noon);
        await using var host = await PhemexTestHost.StartAsync(serverOptions: new FakePhemexOptions { Clock = clock, KlineRowFields = rowFields, KlinesNewestFirst = true }, clientClock: clock);
        var start = Noon.ToUnixTimeSeconds() / 60 * 60 - 5 * 60;
        host.Server.SetCandles("BTCUSDT", 1, Enumerable.Range(0, 6).Select(i => new Candle(start + i * 60, 100m + i, 101m + i, 99m + i, 100.5m + i, 1.25m)));

        var candles = await host.MarketData.GetCandlesAsync("BTCUSDT", 1, 10, Ct);

        // Six rows served; the last one began 30 s ago, so its minute is still forming and is dropped.
        Assert.Equal(5, candles.Count);
        Assert.Equal(start, candles[0].OpenTime);
        Assert.Equal(new Candle(start + 240, 104m, 105m, 103m, 104.5m, 1.25m), candles.Last);
        Assert.Equal(1, candles.IntervalMinutes);
    }

    [Fact]
    public async Task Candles_ask_for_the_smallest_allowed_limit_and_return_the_wanted_count()
    {
        await using var host = await PhemexTestHost.StartAsync();

        var candles = await host.MarketData.GetCandlesAsync("SOLUSDT", 60, 30, Ct);

        Assert.Equal(30, candles.Count);
        Assert.Equal("symbol=SOLUSDT&resolution=3600&limit=50", Assert.Single(host.Server.Requests.All).Query);
        Assert.True(candles.Last.OpenTime + 3600 <= DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Candles_of_an_interval_phemex_does_not_serve_are_refused_before_any_request()
    {
        await using var host = await PhemexTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.MarketData.GetCandlesAsync("BTCUSDT", 2, 10, Ct).AsTask());
        Assert.Empty(host.Server.Requests.All);
    }
}
