using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Running;

/// <summary>One bot run over a paper account and replayed prices: the real fill model, the real strategy.</summary>
public sealed class BotRunnerTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"diptrader-botrunner-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(MarketScript.Start);
    private readonly RecordingNotifier _notifier = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static BotConfiguration Bot(params PairSettings[] pairs) => new()
    {
        Name = "test",
        Exchange = "paper",
        Pairs = [.. pairs.Select(p => new PairConfiguration(PairConfiguration.StandaloneKey(p), p))],
    };

    private (BotRunner Runner, FilePairStateStore States) Runner()
    {
        var states = new FilePairStateStore(Path.Combine(_directory, "state.json"));
        return (new BotRunner(states, NoRunRecorder.Instance, _time, NullLogger<BotRunner>.Instance), states);
    }

    /// <summary>
    /// Three days drifting from 100 to 90, then half an hour at 89.5, with the clock just past the drift: a calm dip below
    /// the 1 h EMA100, where a Long opens with a bid that the next minutes trade through.
    /// </summary>
    private (ReplayMarketData Market, PaperAccount Paper) CalmDip()
    {
        var prices = MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60, [.. Enumerable.Repeat(89.5m, 30)]);
        var market = new ReplayMarketData("SOLUSDT", MarketScript.Candles(prices), _time);
        var paper = new PaperAccount(market, _time, new PaperAccountOptions { InitialBalance = 10_000m });
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        return (market, paper);
    }

    [Fact]
    public async Task Calm_dip_below_the_hourly_ema_opens_with_a_deterministic_order_that_later_fills()
    {
        var (market, account) = CalmDip();
        var venue = new BotVenue(market, account);
        var (runner, states) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long));
        var slot = RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5));

        var first = await runner.RunAsync(bot, venue, slot, _notifier, Token);

        var pair = Assert.Single(first.Pairs);
        Assert.False(pair.Failed, pair.Error);
        Assert.Equal(Rule.N1, pair.Decision!.Rule);
        Assert.Equal(slot.ClientOrderId("SOLUSDT-L", DecisionAction.Open), pair.Order!.ClientOrderId);
        Assert.Equal(OrderStatus.New, pair.Order.Status);
        Assert.Equal(pair.Order.ClientOrderId, (await states.LoadAsync(bot.Pairs, Token))["SOLUSDT-L"].OpenOrderId);
        Assert.Contains(_notifier.Messages, m => m.Kind == NotificationKind.PositionOpened);

        // The price trades through the resting bid during the next five minutes.
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        var next = Assert.Single(second.Pairs);
        Assert.Equal(OrderStatus.Filled, next.SettledOrder!.Status);
        Assert.Equal(pair.Order.ClientOrderId, next.SettledOrder.ClientOrderId);
        Assert.True(next.Decision!.Figures.PositionSize > 0);
    }

    [Fact]
    public async Task A_new_pair_clears_every_order_of_its_symbol_and_a_known_pair_cancels_only_its_active_order()
    {
        var (market, paper) = CalmDip();
        var account = new CountingAccount(paper);
        var venue = new BotVenue(market, account);
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long));

        await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        // What an earlier process left is unknown to the first run: everything goes, conditional orders too. The
        // second knows its own order rested: one cancel of active orders, then one look-up among the closed ones.
        Assert.Equal(["all", "active"], account.Cancels);
        Assert.Equal(["closed"], account.Lookups);
        Assert.Equal(OrderStatus.Filled, second.Pairs[0].SettledOrder!.Status);
    }

    [Fact]
    public async Task A_run_repeated_in_its_slot_reports_the_same_order_and_never_places_a_second()
    {
        var prices = MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60, [.. Enumerable.Repeat(95m, 30)]);
        var market = new ReplayMarketData("SOLUSDT", MarketScript.Candles(prices), _time);
        var account = new CountingAccount(new PaperAccount(market, _time));
        var venue = new BotVenue(market, account);
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long));
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        var slot = RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5));

        var first = await runner.RunAsync(bot, venue, slot, _notifier, Token);
        _time.Advance(TimeSpan.FromSeconds(30));
        var again = await runner.RunAsync(bot, venue, slot, _notifier, Token);

        var id = first.Pairs[0].Order!.ClientOrderId;
        Assert.Equal(id, again.Pairs[0].Order!.ClientOrderId);
        Assert.False(again.Pairs[0].Failed);
        // Both runs were answered with the one order the venue holds: a second would carry another exchange order id.
        Assert.Equal([id], account.Answers.Select(a => a.ClientOrderId).Distinct());
        Assert.Single(account.Answers.Select(a => a.ExchangeOrderId).Distinct());
        Assert.Equal(2, account.PlaceCalls);
    }

    [Fact]
    public async Task An_order_placed_without_an_answer_is_reported_as_maybe_placed_and_the_next_run_settles_it()
    {
        // The venue takes the order but the answer never arrives (the exchange client gave up: outcome unknown).
        var (market, paper) = CalmDip();
        var account = new CountingAccount(paper) { LoseAnswers = true };
        var venue = new BotVenue(market, account);
        var (runner, states) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long));
        var slot = RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5));

        var first = await runner.RunAsync(bot, venue, slot, _notifier, Token);

        var id = slot.ClientOrderId("SOLUSDT-L", DecisionAction.Open);
        var failed = Assert.Single(first.Pairs);
        Assert.True(failed.Failed);
        Assert.Equal(ExchangeErrorKind.Unavailable, failed.ErrorKind);
        Assert.StartsWith($"The Open order {id} may have been placed:", failed.Error, StringComparison.Ordinal);
        Assert.Equal(id, (await states.LoadAsync(bot.Pairs, Token))["SOLUSDT-L"].OpenOrderId);

        // It rested and filled meanwhile; the next run cancels what rests and reports how the order ended.
        account.LoseAnswers = false;
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        var next = Assert.Single(second.Pairs);
        Assert.Equal(id, next.SettledOrder!.ClientOrderId);
        Assert.Equal(OrderStatus.Filled, next.SettledOrder.Status);
        Assert.True(next.Decision!.Figures.PositionSize > 0);
        Assert.Equal(["all", "active"], account.Cancels);
        Assert.Single(account.Answers, a => a.ClientOrderId == id);
    }

    [Fact]
    public async Task A_pair_whose_market_data_fails_errors_alone()
    {
        var prices = MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60);
        var replay = new ReplayMarketData(new Dictionary<string, CandleSeries> { ["SOLUSDT"] = MarketScript.Candles(prices), ["ETHUSDT"] = MarketScript.Candles(prices) }, _time);
        var market = new FailingMarketData(replay, "ETHUSDT");
        var venue = new BotVenue(market, new PaperAccount(replay, _time));
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("ETHUSDT", PositionSide.Long), PairSettings.Create("SOLUSDT", PositionSide.Long));
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));

        var result = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        Assert.True(result.Pairs[0].Failed);
        Assert.Equal(ExchangeErrorKind.Unavailable, result.Pairs[0].ErrorKind);
        Assert.Equal("error", result.Pairs[0].ExecutionAction);
        Assert.False(result.Pairs[1].Failed);
        Assert.Equal(Rule.N1, result.Pairs[1].Decision!.Rule);
        Assert.Contains(_notifier.Messages, m => m.Kind == NotificationKind.RunFailed && m.Title.Contains("ETHUSDT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leverage_is_set_on_the_exchange_once_and_not_again_while_it_matches()
    {
        var prices = MarketScript.SlowDecline(100m, 99m, 3 * 24 * 60);
        var market = new ReplayMarketData("SOLUSDT", MarketScript.Candles(prices), _time);
        var account = new CountingAccount(new PaperAccount(market, _time));
        var venue = new BotVenue(market, account);
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Short) with { Leverage = 7, AutomaticMode = false });
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));

        await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
        _time.Advance(TimeSpan.FromMinutes(5));
        await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        Assert.Equal([7], account.LeverageSet);
        Assert.Equal(1, account.CancelCalls); // the first run cannot know what an earlier process left; the second can
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<Notification> Messages { get; } = [];

        public void Notify(Notification notification) => Messages.Add(notification);
    }

    private sealed class FailingMarketData(IMarketData inner, string failingSymbol) : IMarketData
    {
        private ExchangeException Down() => new(new ExchangeError(ExchangeErrorKind.Unavailable, $"{failingSymbol} prices are unavailable"));

        public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken) =>
            symbol == failingSymbol ? throw Down() : inner.GetCandlesAsync(symbol, intervalMinutes, limit, cancellationToken);

        public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
            symbol == failingSymbol ? throw Down() : inner.GetQuoteAsync(symbol, cancellationToken);

        public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken) => inner.GetInstrumentAsync(symbol, cancellationToken);

        public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken) => inner.GetInstrumentsAsync(cancellationToken);
    }

    private sealed class CountingAccount(ITradingAccount inner) : ITradingAccount
    {
        public List<int> LeverageSet { get; } = [];
        public List<(string ClientOrderId, string? ExchangeOrderId)> Answers { get; } = [];
        /// <summary>"all" or "active", per cancel call.</summary>
        public List<string> Cancels { get; } = [];

        /// <summary>"any" or "closed", per lookup.</summary>
        public List<string> Lookups { get; } = [];

        public int CancelCalls => Cancels.Count;
        public int PlaceCalls { get; private set; }

        public ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken) => inner.GetAccountAsync(cancellationToken);

        /// <summary>The venue takes each order, but the caller hears nothing back.</summary>
        public bool LoseAnswers { get; set; }

        public async ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
        {
            PlaceCalls++;
            var placed = await inner.PlaceOrderAsync(order, cancellationToken);
            Answers.Add((placed.ClientOrderId, placed.ExchangeOrderId));
            return LoseAnswers
                ? throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable, $"Order '{order.ClientOrderId}': no answer and it cannot be found; its outcome is unknown."))
                : placed;
        }

        public ValueTask<int> CancelAllOrdersAsync(string symbol, CancellationToken cancellationToken)
        {
            Cancels.Add("all");
            return inner.CancelAllOrdersAsync(symbol, cancellationToken);
        }

        public ValueTask<int> CancelActiveOrdersAsync(string symbol, CancellationToken cancellationToken)
        {
            Cancels.Add("active");
            return inner.CancelActiveOrdersAsync(symbol, cancellationToken);
        }

        public ValueTask SetLeverageAsync(string symbol, int leverage, CancellationToken cancellationToken)
        {
            LeverageSet.Add(leverage);
            return inner.SetLeverageAsync(symbol, leverage, cancellationToken);
        }

        public ValueTask<OrderInfo?> FindOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken)
        {
            Lookups.Add("any");
            return inner.FindOrderAsync(symbol, clientOrderId, cancellationToken);
        }

        public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken)
        {
            Lookups.Add("closed");
            return inner.FindClosedOrderAsync(symbol, clientOrderId, cancellationToken);
        }
    }
}
