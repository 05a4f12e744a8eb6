using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Replay;

/// <summary>The demo generator is deterministic, seed-dependent and goes through every regime; the demo market serves it live.</summary>
public sealed class DemoMarketTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Same_seed_gives_the_same_candles()
    {
        var first = DemoCandles.Generate("BTCUSDT", 42, Anchor, Anchor.AddDays(3));
        var second = DemoCandles.Generate("BTCUSDT", 42, Anchor, Anchor.AddDays(3));

        Assert.Equal(3 * 1440, first.Minutes.Count);
        Assert.Equal(first.Minutes.AsEnumerable(), second.Minutes.AsEnumerable());
        Assert.Equal(first.Regimes, second.Regimes);
    }

    [Fact]
    public void Different_seeds_and_different_symbols_give_different_candles()
    {
        var seed1 = DemoCandles.Generate("BTCUSDT", 1, Anchor, Anchor.AddDays(1)).Minutes;
        var seed2 = DemoCandles.Generate("BTCUSDT", 2, Anchor, Anchor.AddDays(1)).Minutes;
        var other = DemoCandles.Generate("XYZUSDT", 1, Anchor, Anchor.AddDays(1)).Minutes;

        Assert.NotEqual(seed1.AsEnumerable().Select(c => c.Close), seed2.AsEnumerable().Select(c => c.Close));
        Assert.NotEqual(seed1.AsEnumerable().Select(c => c.Close / seed1[0].Close), other.AsEnumerable().Select(c => c.Close / other[0].Close));
    }

    [Fact]
    public void Candles_are_well_formed_and_on_the_instruments_tick()
    {
        var set = DemoCandles.Generate("SOLUSDT", 7, Anchor, Anchor.AddDays(10));

        Assert.All(set.Minutes.AsEnumerable(), c =>
        {
            Assert.True(c.Low > 0 && c.Low <= Math.Min(c.Open, c.Close) && c.High >= Math.Max(c.Open, c.Close));
            Assert.Equal(0m, c.Close % 0.001m);
            Assert.True(c.Volume > 0);
        });
        Assert.All(Enumerable.Range(1, set.Minutes.Count - 1), i => Assert.Equal(set.Minutes[i - 1].Close, set.Minutes[i].Open));
    }

    [Fact]
    public void Ninety_days_go_through_every_regime_and_crashes_fall_hard_on_heavy_volume()
    {
        var set = DemoCandles.Generate("BTCUSDT", 3, Anchor, Anchor.AddDays(90));
        var first = set.Minutes[0].OpenTime;

        Assert.Equal(Enum.GetValues<DemoRegime>().ToHashSet(), set.Regimes.Select(r => r.Regime).ToHashSet());
        Assert.Equal(first, set.Regimes[0].Start);
        Assert.All(set.Regimes.Skip(1).Zip(set.Regimes), pair => Assert.Equal(pair.Second.End, pair.First.Start));

        var crashes = set.Regimes.Where(r => r.Regime == DemoRegime.Crash && r.End < Anchor.AddDays(90).ToUnixTimeSeconds()).ToList();
        Assert.All(crashes, crash =>
        {
            var span = Minutes(set, crash);
            Assert.True(span[^1].Close < span[0].Open * 0.97m, $"Crash at {crash.Start} fell only to {span[^1].Close} from {span[0].Open}.");
        });
        var crashVolume = crashes.SelectMany(c => Minutes(set, c)).Average(c => c.Volume);
        var calmVolume = set.Regimes.Where(r => r.Regime == DemoRegime.Sideways).SelectMany(c => Minutes(set, c)).Average(c => c.Volume);
        Assert.True(crashVolume > 3 * calmVolume, $"Crash volume {crashVolume} vs calm {calmVolume}.");
    }

    [Fact]
    public async Task Demo_market_starts_with_45_days_of_history_that_match_the_generator()
    {
        var now = new DateTimeOffset(2025, 6, 10, 13, 37, 0, TimeSpan.Zero);
        var market = new DemoMarketData(new DemoMarketOptions { Seed = 5, Anchor = Anchor }, new FakeTimeProvider(now));

        var hours = await market.GetCandlesAsync("ETHUSDT", 60, 1000, Ct);
        var minutes = await market.GetCandlesAsync("ETHUSDT", 1, 1000, Ct);
        var days = await market.GetCandlesAsync("ETHUSDT", 1440, 1000, Ct);

        Assert.Equal(1000, hours.Count);
        Assert.Equal(now.AddMinutes(-1).ToUnixTimeSeconds(), minutes.Last.OpenTime);
        Assert.InRange(days.Count, 45, 46);
        var generated = DemoCandles.Generate("ETHUSDT", 5, Anchor, now).Minutes.TakeLast(1000);
        Assert.Equal(generated.AsEnumerable(), minutes.AsEnumerable());
        Assert.Equal(new Quote(minutes.Last.Close, minutes.Last.Close + 0.01m), await market.GetQuoteAsync("ETHUSDT", Ct));
    }

    [Fact]
    public async Task Demo_market_extends_as_time_passes_and_stays_deterministic()
    {
        var start = new DateTimeOffset(2025, 3, 1, 23, 50, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var options = new DemoMarketOptions { Seed = 9, Anchor = Anchor, Symbols = ["BTCUSDT"] };
        var running = new DemoMarketData(options, clock);
        await running.GetCandlesAsync("BTCUSDT", 1, 10, Ct);

        for (var hour = 0; hour < 60; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await running.GetCandlesAsync("BTCUSDT", 5, 10, Ct);
        }
        var fresh = new DemoMarketData(options, clock);

        var later = await running.GetCandlesAsync("BTCUSDT", 1, 1000, Ct);
        Assert.Equal(clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(), later.Last.OpenTime);
        Assert.Equal((await fresh.GetCandlesAsync("BTCUSDT", 1, 1000, Ct)).AsEnumerable(), later.AsEnumerable());
        Assert.Equal((await fresh.GetCandlesAsync("BTCUSDT", 240, 1000, Ct)).AsEnumerable(), (await running.GetCandlesAsync("BTCUSDT", 240, 1000, Ct)).AsEnumerable());
    }

    [Fact]
    public void Demo_market_settings_are_validated_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DemoMarketData(new DemoMarketOptions { Symbols = ["BTCUSDT", " "], History = TimeSpan.FromHours(1) }, TimeProvider.System));

        Assert.Contains("Symbols", error.Message, StringComparison.Ordinal);
        Assert.Contains("History", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_market_without_configured_symbols_serves_btc_eth_and_sol()
    {
        var market = new DemoMarketData(new DemoMarketOptions { Anchor = Anchor }, new FakeTimeProvider(Anchor.AddDays(2)));

        var symbols = (await market.GetInstrumentsAsync(Ct)).Select(i => i.Symbol);

        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], symbols);
    }

    private static List<Candle> Minutes(DemoCandleSet set, DemoRegimeSpan span)
    {
        var first = set.Minutes[0].OpenTime;
        var from = (int)((span.Start - first) / 60);
        var to = (int)((span.End - first) / 60);
        return set.Minutes.Slice(from, to - from).AsEnumerable().ToList();
    }
}
