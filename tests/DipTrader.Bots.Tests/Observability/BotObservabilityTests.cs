using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Bots.Scheduling;
using DipTrader.Bots.Tests.Running;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Observability;

/// <summary>
/// What an operator reads about a live run: the counters /metrics exports (decisions, orders placed and refused,
/// scheduler heartbeat) and the fields on its log lines (bot, pair, client order id).
/// </summary>
public sealed class BotObservabilityTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"diptrader-observe-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(MarketScript.Start);
    private readonly CapturedMeasurements _metrics = new();
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;

    public BotObservabilityTests()
    {
        _loggers = _logs.Factory();
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _loggers.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_live_run_counts_its_decision_by_rule_and_action_and_the_order_the_exchange_accepted()
    {
        var (bot, venue, slot) = CalmDip(account => account);

        var result = await Runner().RunAsync(bot, venue, slot, SilentNotifier.Instance, Token);

        Assert.NotNull(Assert.Single(result.Pairs).Order);
        var decision = Assert.Single(_metrics.Of(BotMetrics.DecisionsName));
        Assert.Equal(("N1", "Open"), (decision.Tags["rule"], decision.Tags["action"]));
        var placed = Assert.Single(_metrics.Of(BotMetrics.OrdersPlacedName));
        Assert.Equal("Open", placed.Tags["action"]);
        Assert.Empty(_metrics.Of(BotMetrics.OrdersRejectedName));
    }

    [Fact]
    public async Task An_order_the_exchange_refuses_is_counted_by_its_error_kind_and_not_as_placed()
    {
        var (bot, venue, slot) = CalmDip(account => new RefusingAccount(account, ExchangeErrorKind.InsufficientFunds, null));

        var result = await Runner().RunAsync(bot, venue, slot, SilentNotifier.Instance, Token);

        Assert.True(Assert.Single(result.Pairs).Failed);
        var rejected = Assert.Single(_metrics.Of(BotMetrics.OrdersRejectedName));
        Assert.Equal(("Open", "InsufficientFunds"), (rejected.Tags["action"], rejected.Tags["kind"]));
        Assert.Empty(_metrics.Of(BotMetrics.OrdersPlacedName));
    }

    [Fact]
    public async Task Log_lines_of_a_run_carry_the_bot_id_the_pair_and_while_ordering_the_client_order_id()
    {
        var venueLogger = _loggers.CreateLogger("DipTrader.Exchanges.Test");
        var (bot, venue, slot) = CalmDip(account => new RefusingAccount(account, null, venueLogger));

        var result = await Runner().RunAsync(bot, venue, slot, SilentNotifier.Instance, Token);

        var clientOrderId = Assert.Single(result.Pairs).Order!.ClientOrderId;
        var sending = Assert.Single(_logs.Lines, l => l.Message.StartsWith("Sending order", StringComparison.Ordinal));
        Assert.Equal(clientOrderId, sending.Fields["ClientOrderId"]);
        var placed = Assert.Single(_logs.Lines, l => l.Category == typeof(BotRunner).FullName && l.Message.Contains(clientOrderId, StringComparison.Ordinal));
        Assert.All(new[] { sending, placed }, line =>
        {
            Assert.Equal("42", line.Fields["BotId"]);
            Assert.Equal("SOLUSDT", line.Fields["Symbol"]);
            Assert.Equal("Long", line.Fields["Side"]);
        });
    }

    [Fact]
    public void The_scheduler_heartbeat_age_grows_until_the_next_beat_and_is_absent_before_the_first()
    {
        var health = new SchedulerHealth(_time);
        var metrics = new SchedulerMetrics(_metrics.Factory, health, _time);

        _metrics.Observe();
        Assert.Empty(_metrics.Of(SchedulerMetrics.HeartbeatAgeName));

        health.Beat();
        _time.Advance(TimeSpan.FromSeconds(7));
        _metrics.Observe();
        health.Beat();
        _metrics.Observe();
        metrics.RunStarted(TimeSpan.FromSeconds(1.5));

        Assert.Equal([7d, 0d], _metrics.Of(SchedulerMetrics.HeartbeatAgeName).Select(m => m.Value));
        Assert.Equal(1.5, Assert.Single(_metrics.Of(SchedulerMetrics.LagName)).Value);
    }

    private BotRunner Runner() =>
        new(new FilePairStateStore(Path.Combine(_directory, "state.json")), NoRunRecorder.Instance, _time, _loggers.CreateLogger<BotRunner>(), new BotMetrics(_metrics.Factory));

    /// <summary>Three calm days drifting from 100 to 90 on SOLUSDT: the long pair opens (rule N1).</summary>
    private (BotConfiguration Bot, BotVenue Venue, RunSlot Slot) CalmDip(Func<ITradingAccount, ITradingAccount> wrap)
    {
        var prices = MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60, [.. Enumerable.Repeat(89.5m, 30)]);
        var market = new ReplayMarketData("SOLUSDT", MarketScript.Candles(prices), _time);
        var account = wrap(new PaperAccount(market, _time, new PaperAccountOptions { InitialBalance = 10_000m }));
        var settings = PairSettings.Create("SOLUSDT", PositionSide.Long);
        var bot = new BotConfiguration
        {
            Name = "observed",
            BotId = 42,
            Exchange = "paper",
            Pairs = [new PairConfiguration(PairConfiguration.StandaloneKey(settings), settings)],
        };
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        return (bot, new BotVenue(market, account), RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    private static readonly Action<ILogger, OrderSide, decimal, Exception?> Sending =
        LoggerMessage.Define<OrderSide, decimal>(LogLevel.Information, new EventId(1), "Sending order {OrderSide} {Quantity}");

    /// <summary>A venue that refuses orders with <paramref name="refusal"/>, or logs while placing them as Phemex's client does.</summary>
    private sealed class RefusingAccount(ITradingAccount inner, ExchangeErrorKind? refusal, ILogger? logger) : ITradingAccount
    {
        public ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken) => inner.GetAccountAsync(cancellationToken);

        public ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
        {
            if (refusal is { } kind)
            {
                throw new ExchangeException(new ExchangeError(kind, "Refused by the test venue."));
            }
            if (logger is not null)
            {
                Sending(logger, order.Side, order.Quantity, null);
            }
            return inner.PlaceOrderAsync(order, cancellationToken);
        }

        public ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(symbol, side, clientOrderId, cancellationToken);

        public ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken) => inner.GetOpenClientOrderIdsAsync(symbol, cancellationToken);

        public ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken) => inner.SetLeverageAsync(symbol, leverage, marginMode, cancellationToken);

        public ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.FindOrderAsync(symbol, side, clientOrderId, cancellationToken);

        public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.FindClosedOrderAsync(symbol, side, clientOrderId, cancellationToken);
    }
}
