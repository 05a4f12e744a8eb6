using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Bots.Tests.Observability;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Running;

/// <summary>What one pair's failure does to its run and to the others: a paper account over replayed prices.</summary>
public sealed class PairFailureTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(MarketScript.Start);
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly KeptRuns _recorder = new();

    public PairFailureTests()
    {
        _loggers = _logs.Factory();
    }

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task An_unexpected_error_of_one_pair_is_that_pair_s_error_while_the_others_trade_and_the_run_is_recorded()
    {
        // ETHUSDT's contract rules are broken (its smallest quantity is above its largest): sizing its open throws.
        var candles = CalmDipCandles();
        var market = new ReplayMarketData(new Dictionary<string, CandleSeries> { ["ETHUSDT"] = candles, ["SOLUSDT"] = candles }, _time,
            [new Instrument("ETHUSDT", 0.01m, 5m, 1m, 0.01m)]);

        var result = await RunAsync(market, "ETHUSDT", "SOLUSDT");

        var broken = result.Pairs[0];
        Assert.True(broken.Failed);
        Assert.Null(broken.Order);
        Assert.StartsWith("The run of ETHUSDT Long failed unexpectedly (ArgumentException): ", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at DipTrader.", broken.Error, StringComparison.Ordinal); // no stack trace for the user
        Assert.Equal((Rule.N1, OrderStatus.New), (result.Pairs[1].Decision!.Rule, result.Pairs[1].Order!.Status));
        Assert.Same(result, Assert.Single(_recorder.Runs));
        var logged = Assert.Single(_logs.Lines, l => l.Level == LogLevel.Error && l.Exception is ArgumentException);
        Assert.Equal("ETHUSDT", logged.Fields["Symbol"]);
    }

    [Fact]
    public async Task A_pair_without_five_minute_candles_ends_as_an_error_and_places_no_order()
    {
        // The calm dip opens a Long when the volatility window can be read (see BotRunnerTests).
        var market = new NoFiveMinuteCandles(new ReplayMarketData("SOLUSDT", CalmDipCandles(), _time));

        var pair = Assert.Single((await RunAsync(market, "SOLUSDT")).Pairs);

        Assert.Equal(ExchangeErrorKind.NotFound, pair.ErrorKind);
        Assert.Equal("No closed 5-minute candles for SOLUSDT: volatility and the decline cannot be assessed.", pair.Error);
        Assert.Null(pair.Decision);
        Assert.Null(pair.Order);
    }

    /// <summary>Three days drifting from 100 to 90, then half an hour at 89.5, the clock just past it: a Long opens.</summary>
    private CandleSeries CalmDipCandles()
    {
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        return MarketScript.Candles(MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60, [.. Enumerable.Repeat(89.5m, 30)]));
    }

    private async Task<BotRunResult> RunAsync(IMarketData market, params string[] symbols)
    {
        var bot = new BotConfiguration
        {
            Name = "test",
            Exchange = "paper",
            Pairs = [.. symbols.Select(s => PairSettings.Create(s, PositionSide.Long)).Select(p => new PairConfiguration(PairConfiguration.StandaloneKey(p), p))],
        };
        var venue = new BotVenue(market, new PaperAccount(market, _time, new PaperAccountOptions { InitialBalance = 10_000m }));
        var runner = new BotRunner(new InMemoryPairStateStore(), _recorder, _time, _loggers.CreateLogger<BotRunner>());
        return await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), SilentNotifier.Instance, Token);
    }

    private sealed class KeptRuns : IRunRecorder
    {
        public List<BotRunResult> Runs { get; } = [];

        public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
        {
            Runs.Add(result);
            return Task.CompletedTask;
        }
    }

    /// <summary>Every read as the inner market answers it, but the 5-minute candles come back empty.</summary>
    private sealed class NoFiveMinuteCandles(IMarketData inner) : IMarketData
    {
        public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken) =>
            intervalMinutes == CandleInterval.FiveMinutes
                ? ValueTask.FromResult(CandleSeries.Empty(intervalMinutes))
                : inner.GetCandlesAsync(symbol, intervalMinutes, limit, cancellationToken);

        public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken) => inner.GetQuoteAsync(symbol, cancellationToken);

        public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken) => inner.GetInstrumentAsync(symbol, cancellationToken);

        public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken) => inner.GetInstrumentsAsync(cancellationToken);
    }
}
