using DipTrader.Data.Entities;
using DipTrader.Testing.Databases;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Data.Tests;

/// <summary>The model over a freshly migrated database, on SQLite and on PostgreSQL.</summary>
public sealed class SchemaTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static readonly DateTime Now = new(2026, 11, 29, 8, 15, 30, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_table_round_trips_its_values(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        int botId;
        await using (var db = database.CreateContext())
        {
            var user = new User { Email = "ann@example.com", PasswordHash = "pbkdf2:sha256:600000$abc$def", CreatedAt = Now, UpdatedAt = Now, IsApproved = true, Plan = Plans.Pro, MaxBots = 10 };
            var bot = new Bot { Name = "Dip BTC", Exchange = Entities.Exchanges.Paper, ApiKeyEncrypted = "gAAAA-key", ApiSecretEncrypted = "gAAAA-secret", ApiKeyHint = "a1b2", CreatedAt = Now, UpdatedAt = Now, User = user, RunEveryMinutes = 15 };
            var pair = new TradingPair { Symbol = "BTCUSDT", Side = "Long", Leverage = 20, EmaInterval = 15, Config = """{"target_margin":0.03}""", CreatedAt = Now, Bot = bot };
            db.AddRange(user, bot, pair);
            await db.SaveChangesAsync(Token);
            botId = bot.Id;
            db.AddRange(
                new Trade { BotId = bot.Id, TradingPairId = pair.Id, Symbol = "BTCUSDT", Action = "Open", Side = "Buy", PositionSide = "Long", Quantity = 0.001m, Price = 123456789012.12345678m, Fee = 0.00000001m, ClientOrderId = "dt-1-2-3", ExecutedAt = Now, Details = """{"rule":"N1"}""", PostOnly = true },
                new BotLog { BotId = bot.Id, Level = LogLevels.Info, Message = "Run started", CreatedAt = Now, RunId = 7 },
                new ExecutionMetric { BotId = bot.Id, Symbol = "BTCUSDT", ExecutedAt = Now, TotalBalance = 10_000.12345678m, MarginLevel = 16.4m, UnrealizedPnlPct = -0.1961m, Action = "managed", Rule = "P3", Decision = "Add", Ema200 = 49800m, Ema50 = 49900m, Ema100H1 = 50500m, Details = "{}" },
                new Setting { Key = "test_note", Value = "false", UpdatedAt = Now },
                new AuditEntry { UserId = user.Id, Action = "login", IpAddress = "127.0.0.1", CreatedAt = Now },
                new ApiToken { UserId = user.Id, Name = "ci", TokenHash = new string('a', 64), Prefix = "dt_abc", CreatedAt = Now },
                new NotificationSetting { UserId = user.Id, TelegramBotTokenEncrypted = "gAAAA-t", TelegramChatIdEncrypted = "gAAAA-c", Enabled = true, UpdatedAt = Now },
                new BotRun { BotId = bot.Id, StartedAt = Now, FinishedAt = Now.AddSeconds(2), Outcome = RunOutcomes.Ok, PairsOk = 1, DurationMs = 2000 },
                new PaperAccountRow { BotId = bot.Id, State = """{"balance":10000}""", UpdatedAt = Now },
                new Backtest { UserId = user.Id, Name = "year", Status = "done", Request = "{}", Report = """{"return":0.1}""", CreatedAt = Now });
            await db.SaveChangesAsync(Token);
        }

        await using var read = database.CreateContext();
        var loaded = await read.Bots.Include(b => b.Pairs).Include(b => b.User).SingleAsync(b => b.Id == botId, Token);
        Assert.Equal("Dip BTC", loaded.Name);
        Assert.Equal("a1b2", loaded.ApiKeyHint);
        Assert.Equal(15, loaded.RunEveryMinutes);
        Assert.Equal(Plans.Pro, loaded.User!.Plan);
        Assert.Equal(Now, loaded.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
        var pairLoaded = Assert.Single(loaded.Pairs);
        Assert.Equal(20, pairLoaded.Leverage);
        Assert.Contains("target_margin", pairLoaded.Config);
        var trade = await read.Trades.SingleAsync(Token);
        Assert.Equal(123456789012.12345678m, trade.Price);
        Assert.Equal(0.00000001m, trade.Fee);
        Assert.True(trade.PostOnly);
        var metric = await read.ExecutionMetrics.SingleAsync(Token);
        Assert.Equal(10_000.12345678m, metric.TotalBalance);
        Assert.Equal(16.4m, metric.MarginLevel);
        Assert.Equal(50500m, metric.Ema100H1);
        Assert.Equal(1, await read.BotLogs.CountAsync(Token));
        Assert.Equal("false", (await read.Settings.SingleAsync(s => s.Key == "test_note", Token)).Value);
        Assert.Equal(1, await read.AuditLog.CountAsync(Token));
        Assert.Equal(1, await read.ApiTokens.CountAsync(Token));
        Assert.True((await read.NotificationSettings.SingleAsync(Token)).Enabled);
        Assert.Equal(2000, (await read.BotRuns.SingleAsync(Token)).DurationMs);
        Assert.Contains("10000", (await read.PaperAccounts.SingleAsync(Token)).State);
        Assert.Equal("done", (await read.Backtests.SingleAsync(Token)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_a_bot_deletes_its_pairs_logs_metrics_and_trades(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.CreateContext();
        var bot = NewBot();
        db.Add(bot);
        await db.SaveChangesAsync(Token);
        db.AddRange(
            new TradingPair { BotId = bot.Id, Symbol = "ETHUSDT", Side = "Short", CreatedAt = Now },
            new BotLog { BotId = bot.Id, Level = LogLevels.Info, CreatedAt = Now },
            new ExecutionMetric { BotId = bot.Id, Symbol = "ETHUSDT", ExecutedAt = Now, Action = "skipped" },
            new Trade { BotId = bot.Id, Symbol = "ETHUSDT", Action = "Open", Side = "Sell" });
        await db.SaveChangesAsync(Token);

        await db.Bots.Where(b => b.Id == bot.Id).ExecuteDeleteAsync(Token);

        Assert.Equal(0, await db.TradingPairs.CountAsync(Token));
        Assert.Equal(0, await db.BotLogs.CountAsync(Token));
        Assert.Equal(0, await db.ExecutionMetrics.CountAsync(Token));
        Assert.Equal(0, await db.Trades.CountAsync(Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_a_pair_keeps_its_trade_history(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.CreateContext();
        var bot = NewBot();
        var pair = new TradingPair { Bot = bot, Symbol = "SOLUSDT", Side = "Long", CreatedAt = Now };
        db.AddRange(bot, pair);
        await db.SaveChangesAsync(Token);
        db.Add(new Trade { BotId = bot.Id, TradingPairId = pair.Id, Symbol = "SOLUSDT", Action = "Open", Side = "Buy" });
        await db.SaveChangesAsync(Token);

        await db.TradingPairs.Where(p => p.Id == pair.Id).ExecuteDeleteAsync(Token);

        var trade = await db.Trades.AsNoTracking().SingleAsync(Token);
        Assert.Null(trade.TradingPairId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Emails_are_unique(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.CreateContext();
        db.Add(new User { Email = "dup@example.com", PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now });
        await db.SaveChangesAsync(Token);
        db.Add(new User { Email = "dup@example.com", PasswordHash = "y", CreatedAt = Now, UpdatedAt = Now });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrating_again_applies_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.CreateContext();

        var applied = await DatabaseMigrator.MigrateAsync(db, Token);

        Assert.Empty(applied);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    private static Bot NewBot() => new()
    {
        Name = "b",
        Exchange = Entities.Exchanges.Paper,
        ApiKeyEncrypted = "k",
        ApiSecretEncrypted = "s",
        CreatedAt = Now,
        UpdatedAt = Now,
        User = new User { Email = $"{Guid.NewGuid():N}@example.com", PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now },
    };
}
