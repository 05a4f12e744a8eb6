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
        Assert.Contains(_notifier.Messages, m => m.Kind == NotificationKind.OrderResting);
        Assert.DoesNotContain(_notifier.Messages, m => m.Kind == NotificationKind.PositionOpened);

        // The price trades through the resting bid during the next five minutes.
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        var next = Assert.Single(second.Pairs);
        var settled = Assert.Single(next.SettledOrders);
        Assert.Equal(OrderStatus.Filled, settled.Status);
        Assert.Equal(pair.Order.ClientOrderId, settled.ClientOrderId);
        Assert.True(next.Decision!.Figures.PositionSize > 0);
        Assert.Contains(_notifier.Messages, m => m.Kind == NotificationKind.PositionOpened); // told when it filled, not when it was sent
    }

    [Fact]
    public async Task A_known_pair_cancels_its_own_order_by_id_and_a_new_pair_only_lists_the_symbols_orders()
    {
        var (market, paper) = CalmDip();
        var account = new CountingAccount(paper);
        var venue = new BotVenue(market, account);
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long));

        var first = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        // What an earlier process left is unknown to the first run: it lists the symbol's orders (none here). The
        // second knows its own order rested: one cancel of that id, then one look-up among the closed ones.
        Assert.Equal(["list", first.Pairs[0].Order!.ClientOrderId], account.Cancels);
        Assert.Equal(["closed"], account.Lookups);
        Assert.Equal(OrderStatus.Filled, Assert.Single(second.Pairs[0].SettledOrders).Status);
    }

    [Fact]
    public async Task A_new_pair_cancels_what_an_earlier_process_left_for_it_and_leaves_other_orders_on_the_symbol_alone()
    {
        var (market, paper) = CalmDip();
        var venue = new BotVenue(market, paper);
        var (runner, _) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long) with { AutomaticMode = false });
        async Task Rest(string id, decimal price) =>
            await paper.PlaceOrderAsync(new OrderRequest("SOLUSDT", id, OrderSide.Buy, PositionSide.Long, 1m, price, TimeInForce.GoodTillCancel, ReduceOnly: false), Token);
        await Rest("order_1764460800123", 80m); // the Python bot's last entry, left when it was replaced
        await Rest("dt-SOLUSDT-L-29400000-O", 81m); // this pair's own, from a run whose state was lost
        await Rest("dt-p99-29400000-O", 82m); // another bot on the same account
        await Rest("traders-own", 83m); // placed by hand on Phemex

        var result = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);

        Assert.False(Assert.Single(result.Pairs).Failed);
        Assert.Equal(["dt-p99-29400000-O", "traders-own"], (await paper.GetOpenClientOrderIdsAsync("SOLUSDT", Token)).Order(StringComparer.Ordinal));
        Assert.Equal(OrderStatus.Canceled, (await paper.FindOrderAsync("SOLUSDT", PositionSide.Long, "order_1764460800123", Token))!.Status);
        // The pair's own leftover is booked in its history like any order it cancelled.
        Assert.Equal(["dt-SOLUSDT-L-29400000-O"], result.Pairs[0].SettledOrders.Select(o => o.ClientOrderId));
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
        var settled = Assert.Single(next.SettledOrders);
        Assert.Equal(id, settled.ClientOrderId);
        Assert.Equal(OrderStatus.Filled, settled.Status);
        Assert.True(next.Decision!.Figures.PositionSize > 0);
        Assert.Equal(["list", id], account.Cancels);
        Assert.Single(account.Answers, a => a.ClientOrderId == id);
    }

    [Fact]
    public async Task A_failed_look_up_of_a_cancelled_order_is_tried_again_by_later_runs_until_it_is_found()
    {
        var (market, paper) = CalmDip();
        var account = new CountingAccount(paper);
        var venue = new BotVenue(market, account);
        var (runner, states) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long) with { AutomaticMode = false });
        var opened = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
        Assert.Null(Assert.Single(opened.Pairs).Order); // manages only: nothing of its own rests

        // An order of this pair rests (a manual Open in its name would do); the state names it, as before any order is sent.
        var id = RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)).ClientOrderId("SOLUSDT-L", DecisionAction.Open);
        await paper.PlaceOrderAsync(new OrderRequest("SOLUSDT", id, OrderSide.Buy, PositionSide.Long, 1m, 89.6m, TimeInForce.GoodTillCancel, ReduceOnly: false), Token);
        await states.SaveAsync(bot.Pairs[0], new PairState { OpenOrderId = id, ExchangeLeverage = 10 }, Token);
        account.FailLookups = 2;

        var results = new List<PairRunResult>();
        for (var run = 0; run < 3; run++)
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            results.Add(Assert.Single((await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token)).Pairs));
        }

        // The first run cancels and cannot look it up, the second cannot either, the third learns it filled: nothing lost.
        Assert.Empty(results[0].SettledOrders);
        Assert.Empty(results[1].SettledOrders);
        var settled = Assert.Single(results[2].SettledOrders);
        Assert.Equal(id, settled.ClientOrderId);
        Assert.Equal(OrderStatus.Filled, settled.Status);
        Assert.Equal(["closed", "closed", "closed"], account.Lookups);
        Assert.Equal(["list", id], account.Cancels); // the first run lists what it cannot know; the order is cancelled once, later runs only look
        Assert.Empty((await states.LoadAsync(bot.Pairs, Token))["SOLUSDT-L"].PendingLookups);
    }

    [Fact]
    public async Task An_order_id_that_is_never_found_is_given_up_after_a_few_look_ups()
    {
        // A crash right after the state named the order, before it was sent: no order has that id, ever.
        var (market, paper) = CalmDip();
        var account = new CountingAccount(paper);
        var venue = new BotVenue(market, account);
        var (runner, states) = Runner();
        var bot = Bot(PairSettings.Create("SOLUSDT", PositionSide.Long) with { AutomaticMode = false });
        await states.SaveAsync(bot.Pairs[0], new PairState { OpenOrderId = "dt-SOLUSDT-L-1-O", ExchangeLeverage = 10 }, Token);

        for (var run = 0; run < PendingLookup.MaxAttempts + 2; run++)
        {
            var result = await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
            Assert.Empty(Assert.Single(result.Pairs).SettledOrders);
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(PendingLookup.MaxAttempts, account.Lookups.Count);
        Assert.Empty((await states.LoadAsync(bot.Pairs, Token))["SOLUSDT-L"].PendingLookups);
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
    public async Task A_notifier_that_sends_nothing_is_handed_no_message_while_the_pairs_alert_states_move_on_as_with_one_that_sends()
    {
        var silent = new NonSendingNotifier();

        var sentStates = await RunWithFailingEthereum(_notifier, "sent.json");
        var silentStates = await RunWithFailingEthereum(silent, "silent.json");

        Assert.Contains(_notifier.Messages, m => m.Kind == NotificationKind.RunFailed && m.Title.Contains("ETHUSDT", StringComparison.Ordinal));
        Assert.Empty(silent.Messages);
        Assert.True(silentStates["ETHUSDT-L"].Failing);
        Assert.Equal(sentStates["ETHUSDT-L"].ToJson(), silentStates["ETHUSDT-L"].ToJson());
        Assert.Equal(sentStates["SOLUSDT-L"].ToJson(), silentStates["SOLUSDT-L"].ToJson());
    }

    /// <summary>One run of a bot whose ETHUSDT prices fail and whose SOLUSDT opens; the pair states it saved.</summary>
    private async Task<IReadOnlyDictionary<string, PairState>> RunWithFailingEthereum(INotifier notifier, string stateFile)
    {
        var prices = MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60);
        // Both calls run at the same moment, with everything created then (the fake clock never goes back).
        _time.SetUtcNow(MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        var replay = new ReplayMarketData(new Dictionary<string, CandleSeries> { ["SOLUSDT"] = MarketScript.Candles(prices), ["ETHUSDT"] = MarketScript.Candles(prices) }, _time);
        var venue = new BotVenue(new FailingMarketData(replay, "ETHUSDT"), new PaperAccount(replay, _time));
        var states = new FilePairStateStore(Path.Combine(_directory, stateFile));
        var runner = new BotRunner(states, NoRunRecorder.Instance, _time, NullLogger<BotRunner>.Instance);
        var bot = Bot(PairSettings.Create("ETHUSDT", PositionSide.Long), PairSettings.Create("SOLUSDT", PositionSide.Long));

        await runner.RunAsync(bot, venue, RunSlot.Containing(_time.GetUtcNow(), TimeSpan.FromMinutes(5)), notifier, Token);
        return await states.LoadAsync(bot.Pairs, Token);
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

    /// <summary>Says it sends nothing, as a backtest's notifier does, and keeps whatever it is handed all the same.</summary>
    private sealed class NonSendingNotifier : INotifier
    {
        public List<Notification> Messages { get; } = [];

        public bool Sends => false;

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

        public ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
        {
            Cancels.Add(clientOrderId);
            return inner.CancelOrderAsync(symbol, side, clientOrderId, cancellationToken);
        }

        public ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken)
        {
            Cancels.Add("list");
            return inner.GetOpenClientOrderIdsAsync(symbol, cancellationToken);
        }

        public ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken)
        {
            LeverageSet.Add(leverage);
            return inner.SetLeverageAsync(symbol, leverage, marginMode, cancellationToken);
        }

        public ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
        {
            Lookups.Add("any");
            return inner.FindOrderAsync(symbol, side, clientOrderId, cancellationToken);
        }

        /// <summary>How many of the next look-ups among closed orders fail as if the exchange were down.</summary>
        public int FailLookups { get; set; }

        public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
        {
            Lookups.Add("closed");
            if (FailLookups > 0)
            {
                FailLookups--;
                throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable, "Phemex is unavailable"));
            }
            return inner.FindClosedOrderAsync(symbol, side, clientOrderId, cancellationToken);
        }
    }
}
