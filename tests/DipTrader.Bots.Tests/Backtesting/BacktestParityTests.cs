using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Bots.Tests.Running;
using DipTrader.Exchanges.Phemex;
using DipTrader.Exchanges.Replay;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Backtesting;

/// <summary>
/// Backtest/live parity: one scripted price path played through the fake Phemex server (the live Phemex client over
/// HTTP, signed, on a simulated clock) and through the backtester produces the same decisions, run by run.
/// </summary>
public sealed class BacktestParityTests
{
    private const string ApiKey = "parity-key";
    private const string ApiSecret = "cGFyaXR5LXNlY3JldA";
    private const string Symbol = "SOLUSDT";
    private static readonly DateTimeOffset From = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
    // Through a partial and a full take-profit, and before the liquidation (which the fake exchange does not model).
    private static readonly DateTimeOffset To = new(2026, 1, 3, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cadence = TimeSpan.FromMinutes(5);

    // Every interval a bot run may ask for; the fake serves each exactly as the replay would.
    private static readonly int[] Intervals = [1, 5, 15, 30, 60, 240];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_price_path_live_against_the_fake_exchange_and_in_the_backtester_makes_the_same_decisions()
    {
        var minutes = CandleCsv.Load(GoldenFiles.Input("dip-and-recovery.csv"));
        var pair = PairSettings.Create(Symbol, PositionSide.Long);
        var clock = new FakeTimeProvider(From);
        var request = new BacktestRequest
        {
            Pairs = [pair],
            Candles = new Dictionary<string, CandleSeries> { [Symbol] = minutes },
            From = From,
            To = To,
            Cadence = Cadence,
            // The fake exchange books no funding; everything else (fees, leverage, maintenance) is the same on both.
            FundingRate = 0m,
        };
        await using var server = await FakePhemexServer.StartAsync(new FakePhemexOptions
        {
            Clock = clock,
            MakerFeeRate = request.MakerFeeRate,
            TakerFeeRate = request.TakerFeeRate,
            MaintenanceMarginRate = request.MaintenanceMarginRate,
            ContractCapacity = 1_000_000,
            OthersCapacity = 1_000_000,
            IpCapacity = 1_000_000,
        }, Token);
        server.AddAccount(ApiKey, ApiSecret, request.StartingBalance);
        await using var services = FakePhemexVenue.Client(server, clock);
        var phemex = services.GetRequiredService<PhemexVenue>();
        var instrument = await phemex.MarketData.GetInstrumentAsync(Symbol, Token);
        request = request with { Instruments = [instrument] };

        var backtest = await new Backtester().RunAsync(request, null, Token);
        var live = await RunLiveAsync(server, phemex, clock, request, instrument);

        var expected = backtest.Decisions.Select(d => new Step(d.Time, d.Rule, d.Action, d.Quantity, d.Price)).ToList();
        Assert.Equal(Runs(), live.Count);
        Assert.Equal(Runs(), expected.Count);
        var firstDifference = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != live[i].Step, -1);
        Assert.True(firstDifference < 0, firstDifference < 0 ? "" :
            $"run {firstDifference} differs:\n  backtest: {expected[firstDifference]} — {backtest.Decisions[firstDifference].Reason}\n  live:     {live[firstDifference].Step} — {live[firstDifference].Reason}");
        // The path is worth comparing only if it trades: opens, adds and takes profit.
        Assert.Contains(expected, s => s.Action == nameof(DecisionAction.Open));
        Assert.Contains(expected, s => s.Action == nameof(DecisionAction.Add));
        Assert.Contains(expected, s => s.Action == nameof(DecisionAction.Reduce));
        Assert.Contains(expected, s => s.Action == nameof(DecisionAction.Close));
        Assert.Contains(server.Account(ApiKey).Orders, o => o.FilledQuantity > 0 && !o.Opens);
    }

    private static int Runs() => (int)((To - From).Ticks / Cadence.Ticks) + 1;

    /// <summary>
    /// The live loop: before each run the fake exchange trades through every minute since the last run (low, then
    /// high, so resting orders fill exactly when a candle reaches them) and serves the candles closed so far; the
    /// quote is the last close, as in the replay. Then the ordinary bot run goes over HTTP.
    /// </summary>
    private static async Task<List<(Step Step, string Reason)>> RunLiveAsync(FakePhemexServer server, PhemexVenue phemex, FakeTimeProvider clock, BacktestRequest request, Instrument instrument)
    {
        var replay = new ReplayMarketData(request.Candles, clock, [instrument]);
        var minutes = request.Candles[Symbol];
        var recorder = new StepRecorder();
        var runner = new BotRunner(new InMemoryPairStateStore(), recorder, clock, NullLogger<BotRunner>.Instance);
        var bot = new BotConfiguration
        {
            Name = "parity",
            Exchange = Data.Entities.Exchanges.Phemex,
            Pairs = [.. request.Pairs.Select(p => new PairConfiguration(PairConfiguration.StandaloneKey(p), p))],
        };
        var venue = new BotVenue(phemex.MarketData, phemex.CreateAccount(ApiKey, ApiSecret, testnet: false));
        var walked = From;
        for (var now = From; now <= To; now += Cadence)
        {
            foreach (var candle in minutes.AsEnumerable().Where(c => c.OpenedAt >= walked && c.OpenedAt < now))
            {
                clock.SetUtcNow(candle.OpenedAt.AddMinutes(1));
                server.SetPrice(Symbol, candle.Low);
                server.SetPrice(Symbol, candle.High);
            }
            walked = now;
            clock.SetUtcNow(now);
            foreach (var interval in Intervals)
            {
                server.SetCandles(Symbol, interval, (await replay.GetCandlesAsync(Symbol, interval, 1000, Token)).AsEnumerable());
            }
            server.SetPrice(Symbol, (await replay.GetQuoteAsync(Symbol, Token)).Bid);
            await runner.RunAsync(bot, venue, new RunSlot(now, Cadence), SilentNotifier.Instance, Token);
        }
        return recorder.Steps;
    }

    private sealed record Step(DateTimeOffset Time, string Rule, string Action, decimal? Quantity, decimal? Price);

    private sealed class StepRecorder : IRunRecorder
    {
        public List<(Step Step, string Reason)> Steps { get; } = [];

        public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
        {
            foreach (var pair in result.Pairs)
            {
                Steps.Add(pair.Decision is { } d
                    ? (new Step(result.StartedAt, d.Rule.Code(), d.Action.ToString(), d.Quantity, d.Price), d.Reason)
                    : (new Step(result.StartedAt, "ERROR", "Hold", null, null), pair.Error ?? "failed"));
            }
            return Task.CompletedTask;
        }
    }
}
