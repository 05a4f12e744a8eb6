using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Recording;
using DipTrader.Bots.Running;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Testing.Databases;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Recording;

/// <summary>Database mode on PostgreSQL and SQLite: loading a bot, recording its runs, keeping pair states.</summary>
public sealed class DatabaseRecordingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateTime Now = new(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc);

    private static async Task<(int BotId, int PairId)> SeedAsync(TestDatabase database, SecretBox box, string status = BotStatus.Running, string exchange = "phemex")
    {
        await using var db = database.CreateContext();
        var user = new User { Email = $"{Guid.NewGuid():N}@example.com", PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now, IsApproved = true };
        var bot = new Bot
        {
            User = user, Name = "Dip", Exchange = exchange, Testnet = true, Status = status, CreatedAt = Now, UpdatedAt = Now,
            ApiKeyEncrypted = box.Encrypt("key-0123456789"), ApiSecretEncrypted = box.Encrypt("secret-0123456789"),
        };
        var pair = new TradingPair { Bot = bot, Symbol = "ETHUSDT", Side = "Short", Leverage = 5, EmaInterval = 15, AutomaticMode = false, Config = """{"target_margin":0.03}""", CreatedAt = Now };
        db.AddRange(user, bot, pair, new TradingPair { Bot = bot, Symbol = "SOLUSDT", Side = "Long", IsActive = false, CreatedAt = Now });
        await db.SaveChangesAsync(Token);
        return (bot.Id, pair.Id);
    }

    private static DatabaseConfigSource Source(TestDatabase database, SecretBox box) =>
        new(new Factory(database), box, new Venues.PaperMarketDataSource("demo", null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<Venues.PaperMarketDataSource>.Instance));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_running_bot_loads_its_active_pairs_each_with_its_own_settings_and_decrypted_keys(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, pairId) = await SeedAsync(database, box);

        var loaded = await Source(database, box).LoadAsync(botId, Token);

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var bot = loaded.Value!;
        Assert.Equal("key-0123456789", bot.Credentials!.ApiKey);
        Assert.True(bot.Testnet);
        var pair = Assert.Single(bot.Pairs);
        Assert.Equal(pairId, pair.PairId);
        Assert.Equal($"p{pairId}", pair.Key);
        Assert.Equal(PositionSide.Short, pair.Settings.Side);
        Assert.Equal(5, pair.Settings.Leverage);
        Assert.Equal(15, pair.Settings.EmaInterval);
        Assert.False(pair.Settings.AutomaticMode);
        Assert.Equal(0.03m, pair.Settings.Strategy.TargetMargin);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Loading_names_what_is_wrong(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (running, _) = await SeedAsync(database, box);
        var (stopped, _) = await SeedAsync(database, box, BotStatus.Stopped);
        var source = Source(database, box);
        var otherKey = Source(database, SecretBox.Create(null, SecretBox.GenerateKey()));

        Assert.Contains("was not found", (await source.LoadAsync(99_999, Token)).Errors[0].Message);
        Assert.Contains("is not running", (await source.LoadAsync(stopped, Token)).Errors[0].Message);
        Assert.Contains("cannot be decrypted", (await otherKey.LoadAsync(running, Token)).Errors[0].Message);
        await using (var db = database.CreateContext())
        {
            await db.TradingPairs.Where(p => p.BotId == running).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), Token);
        }
        Assert.Contains("no active trading pairs", (await source.LoadAsync(running, Token)).Errors[0].Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_bot_whose_pairs_repeat_a_symbol_and_side_or_split_a_symbols_leverage_is_refused_with_the_pairs_named(string provider)
    {
        // What the Python app let through and an adopted database may hold: the web app refuses both when a pair is saved.
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, pairId) = await SeedAsync(database, box);
        int twin, otherLeverage;
        await using (var db = database.CreateContext())
        {
            var repeated = new TradingPair { BotId = botId, Symbol = "ETHUSDT", Side = "Short", Leverage = 5, EmaInterval = 15, CreatedAt = Now };
            var split = new TradingPair { BotId = botId, Symbol = "ETHUSDT", Side = "Long", Leverage = 20, EmaInterval = 15, CreatedAt = Now };
            db.AddRange(repeated, split);
            await db.SaveChangesAsync(Token);
            (twin, otherLeverage) = (repeated.Id, split.Id);
        }

        var loaded = await Source(database, box).LoadAsync(botId, Token);

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.Field == $"trading pair {twin} (ETHUSDT Short)" && e.Message.Contains($"trading pair {pairId} trades ETHUSDT Short too", StringComparison.Ordinal));
        Assert.Contains(loaded.Errors, e => e.Field == $"trading pair {otherLeverage} (ETHUSDT Long)" && e.Message.Contains("uses 20x while trading pair", StringComparison.Ordinal));
        // The closing pass of the same bot still loads every pair, so whatever they left resting is cancelled.
        Assert.Equal(4, (await Source(database, box).LoadAsync(botId, Token, closing: true)).Value!.Pairs.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_run_is_recorded_in_one_go_with_metrics_trades_and_logs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, pairId) = await SeedAsync(database, box);
        var config = (await Source(database, box).LoadAsync(botId, Token)).Value!;
        var pair = config.Pairs[0];
        var decision = new Decision
        {
            Rule = Rule.P5, Action = DecisionAction.Add, Side = OrderSide.Sell, Quantity = 0.5m, Price = 3000.5m, PostOnly = true,
            Reason = "Position is in loss", Alerts = [],
            Figures = new DecisionFigures
            {
                Balance = 10_000.123456789m, Price = 3000.5m, Bid = 3000m, Ask = 3000.5m, Ema50 = 2990m, Ema200 = 2980m, Ema100H1 = 3010m,
                PositionSize = 1m, PositionMargin = 300m, UnrealisedPnl = -30m, PnlRatio = -0.1m, MarginRatio = 0.03m,
                MarginLevel = 12_345_678m, EntryPrice = 2970m,
                Volatility = VolatilityMetrics.None,
                VolatilityAssessment = new VolatilityAssessment(false, VolatilityTrigger.None, null, null),
                Decline = DeclineAssessment.Unknown,
            },
        };
        var order = new OrderInfo { Symbol = "ETHUSDT", ClientOrderId = "dt-p1-100-A", ExchangeOrderId = "x1", Side = OrderSide.Sell, PositionSide = PositionSide.Short, Quantity = 0.5m, Price = 3000.5m, Status = OrderStatus.New };
        var run = new BotRunResult
        {
            Bot = config, Slot = new RunSlot(new DateTimeOffset(Now), TimeSpan.FromMinutes(5)), StartedAt = new DateTimeOffset(Now), FinishedAt = new DateTimeOffset(Now).AddSeconds(2),
            Pairs = [new PairRunResult { Pair = pair, Decision = decision, Order = order }],
        };
        var recorder = new DatabaseRunRecorder(new Factory(database), new FakeTimeProvider(new DateTimeOffset(Now)));

        await recorder.RecordAsync(run, Token);
        await recorder.RecordAsync(run, Token); // the same order again (a repeated slot) updates, never duplicates

        await using var db = database.CreateContext();
        Assert.Equal(2, await db.BotRuns.CountAsync(Token));
        var metric = await db.ExecutionMetrics.OrderBy(m => m.Id).FirstAsync(Token);
        Assert.Equal("P5", metric.Rule);
        Assert.Equal("Add", metric.Decision);
        Assert.Equal("managed", metric.Action);
        Assert.Equal(pairId, metric.TradingPairId);
        Assert.Equal(10_000.12345679m, metric.TotalBalance);
        Assert.Equal(999_999.9999m, metric.MarginLevel); // clamped to DECIMAL(10,4)
        Assert.Equal(-0.1m, metric.UnrealizedPnlPct);
        Assert.Equal(2980m, metric.Ema200);
        Assert.Equal("P5", System.Text.Json.JsonDocument.Parse(metric.Details!).RootElement.GetProperty("rule").GetString());
        var trade = await db.Trades.SingleAsync(Token);
        Assert.Equal("dt-p1-100-A", trade.ClientOrderId);
        Assert.Equal("Add", trade.Action);
        Assert.Equal("Sell", trade.Side);
        Assert.Equal("Short", trade.PositionSide);
        Assert.Equal("New", trade.Status);
        Assert.True(trade.PostOnly);
        Assert.Contains(await db.BotLogs.Select(l => l.Message).ToListAsync(Token), m => m!.Contains("ETHUSDT Short - MANAGED - P5 Add", StringComparison.Ordinal));
        Assert.NotNull((await db.Bots.SingleAsync(b => b.Id == botId, Token)).LastRunAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fill_the_placing_run_never_recorded_is_booked_by_the_run_that_learns_of_it(string provider)
    {
        // The run of slot minute 29,400,000 sent an Add but heard nothing back (or died before writing its run): no row.
        // The next run cancels what rests, finds the order filled, and must book it, or the fill is lost from the history.
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, pairId) = await SeedAsync(database, box);
        var config = (await Source(database, box).LoadAsync(botId, Token)).Value!;
        var pair = config.Pairs[0];
        var placedAt = DateTimeOffset.FromUnixTimeSeconds(29_400_000L * 60);
        var settled = new OrderInfo
        {
            Symbol = "ETHUSDT", ClientOrderId = $"dt-{pair.Key}-29400000-A", ExchangeOrderId = "x9", Side = OrderSide.Sell, PositionSide = PositionSide.Short,
            Quantity = 0.5m, Price = 3000.5m, Status = OrderStatus.Filled, FilledQuantity = 0.5m, AveragePrice = 3000.5m, Fee = 0.15m,
        };
        var learningRun = new BotRunResult
        {
            Bot = config, Slot = new RunSlot(placedAt.AddMinutes(5), TimeSpan.FromMinutes(5)), StartedAt = placedAt.AddMinutes(5), FinishedAt = placedAt.AddMinutes(5).AddSeconds(1),
            Pairs = [new PairRunResult { Pair = pair, Error = "Phemex is unavailable", ErrorKind = ExchangeErrorKind.Unavailable, SettledOrders = [settled] }],
        };
        var recorder = new DatabaseRunRecorder(new Factory(database), new FakeTimeProvider(placedAt.AddMinutes(5)));

        await recorder.RecordAsync(learningRun, Token);
        await recorder.RecordAsync(learningRun, Token); // learned twice (a repeated run): still one row

        await using var db = database.CreateContext();
        var trade = await db.Trades.SingleAsync(Token);
        Assert.Equal(settled.ClientOrderId, trade.ClientOrderId);
        Assert.Equal("x9", trade.ExchangeOrderId);
        Assert.Equal("Add", trade.Action);
        Assert.Equal("Sell", trade.Side);
        Assert.Equal("Short", trade.PositionSide);
        Assert.Equal(pairId, trade.TradingPairId);
        Assert.Equal("Filled", trade.Status);
        Assert.Equal(0.5m, trade.FilledQuantity);
        Assert.Equal(3000.5m, trade.FillPrice);
        Assert.Equal(0.15m, trade.Fee);
        Assert.Equal(placedAt.UtcDateTime, trade.ExecutedAt); // when it was placed, read from its id
        Assert.Equal((await db.BotRuns.OrderBy(r => r.Id).FirstAsync(Token)).Id, trade.RunId);
        Assert.Null(trade.Rule);
        Assert.Contains("did not record it", trade.Details, StringComparison.Ordinal);
        // Once, with the learning run: the bot's log says why a trade appears a run late.
        var late = Assert.Single(await db.BotLogs.Where(l => l.Message!.Contains("was not recorded")).ToListAsync(Token));
        Assert.Equal(LogLevels.Warning, late.Level);
        Assert.Equal($"ETHUSDT Short - order {settled.ClientOrderId} was not recorded by the run that placed it; found on the exchange: Filled, filled 0.5 of 0.5. Added to the trades.", late.Message);
        Assert.Equal(trade.RunId, late.RunId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fill_whose_placement_went_unanswered_reaches_the_trade_history_at_the_next_run(string provider)
    {
        // The whole database flow: pair states and runs in the database, a paper venue that takes the first order but
        // never answers it (the exchange client gave up: outcome unknown). The order rests, fills, and must not be lost.
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, pairId) = await SeedAsync(database, box);
        var time = new FakeTimeProvider(Running.MarketScript.Start);
        var prices = Running.MarketScript.SlowDecline(100m, 90m, 3 * 24 * 60, [.. Enumerable.Repeat(89.5m, 30)]);
        var market = new ReplayMarketData("ETHUSDT", Running.MarketScript.Candles(prices), time);
        var venue = new BotVenue(market, new FirstOrderUnanswered(new PaperAccount(market, time, new PaperAccountOptions { InitialBalance = 10_000m })));
        var bot = new BotConfiguration
        {
            Name = "Dip", Exchange = Data.Entities.Exchanges.Paper, BotId = botId,
            Pairs = [new PairConfiguration($"p{pairId}", PairSettings.Create("ETHUSDT", PositionSide.Long), pairId)],
        };
        var runner = new BotRunner(new DatabasePairStateStore(new Factory(database)), new DatabaseRunRecorder(new Factory(database), time), time, NullLogger<BotRunner>.Instance);
        time.SetUtcNow(Running.MarketScript.Start.AddMinutes(3 * 24 * 60 + 1));
        var slot = RunSlot.Containing(time.GetUtcNow(), TimeSpan.FromMinutes(5));

        var first = await runner.RunAsync(bot, venue, slot, SilentNotifier.Instance, Token);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(ExchangeErrorKind.Unavailable, Assert.Single(first.Pairs).ErrorKind);
            Assert.Empty(await db.Trades.ToListAsync(Token));
        }
        time.Advance(TimeSpan.FromMinutes(5));
        await runner.RunAsync(bot, venue, RunSlot.Containing(time.GetUtcNow(), TimeSpan.FromMinutes(5)), SilentNotifier.Instance, Token);

        await using var after = database.CreateContext();
        var trade = await after.Trades.SingleAsync(t => t.ClientOrderId == slot.ClientOrderId($"p{pairId}", DecisionAction.Open), Token);
        Assert.Equal("Open", trade.Action);
        Assert.Equal("Filled", trade.Status);
        Assert.True(trade.FilledQuantity > 0);
        Assert.Equal(slot.Start.UtcDateTime, trade.ExecutedAt);
        Assert.Empty(PairState.FromJson((await after.TradingPairs.SingleAsync(p => p.Id == pairId, Token)).AlertState)!.PendingLookups);
    }

    /// <summary>A venue whose first order is taken but never answered.</summary>
    private sealed class FirstOrderUnanswered(ITradingAccount inner) : ITradingAccount
    {
        private bool _answered;

        public async ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
        {
            var placed = await inner.PlaceOrderAsync(order, cancellationToken);
            if (_answered)
            {
                return placed;
            }
            _answered = true;
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable, $"Order '{order.ClientOrderId}': no answer and it cannot be found; its outcome is unknown."));
        }

        public ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken) => inner.GetAccountAsync(cancellationToken);

        public ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(symbol, side, clientOrderId, cancellationToken);

        public ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken) => inner.GetOpenClientOrderIdsAsync(symbol, cancellationToken);

        public ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken) => inner.SetLeverageAsync(symbol, leverage, marginMode, cancellationToken);

        public ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.FindOrderAsync(symbol, side, clientOrderId, cancellationToken);

        public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) => inner.FindClosedOrderAsync(symbol, side, clientOrderId, cancellationToken);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pair_states_survive_in_the_trading_pair_row(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var box = SecretBox.Create(null, SecretBox.GenerateKey());
        var (botId, _) = await SeedAsync(database, box);
        var config = (await Source(database, box).LoadAsync(botId, Token)).Value!;
        var store = new DatabasePairStateStore(new Factory(database));

        Assert.Empty(await store.LoadAsync(config.Pairs, Token));
        await store.SaveAsync(config.Pairs[0], new PairState { MarginWarning = true, ExchangeLeverage = 5, OpenOrderId = "dt-x" }, Token);
        var loaded = (await store.LoadAsync(config.Pairs, Token))[config.Pairs[0].Key];

        Assert.True(loaded.MarginWarning);
        Assert.Equal(5, loaded.ExchangeLeverage);
        Assert.Equal("dt-x", loaded.OpenOrderId);
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<DipTraderDbContext>
    {
        public DipTraderDbContext CreateDbContext() => database.CreateContext();
    }
}
