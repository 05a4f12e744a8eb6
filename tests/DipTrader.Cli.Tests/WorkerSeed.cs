using DipTrader.Cli.Tests.Observability;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Tests;

/// <summary>
/// What a <c>diptrader worker</c> test runs against: PostgreSQL with a running Phemex bot on BTCUSDT Long every
/// minute (its owner's Telegram settings on), the fake Phemex with an opening market, the fake Telegram, and the
/// worker's environment (a scheduler "minute" of one second).
/// </summary>
internal sealed class WorkerSeed : IAsyncDisposable
{
    private WorkerSeed(TestDatabase database, FakePhemexServer phemex, FakeTelegramServer telegram, FakeAccount account)
    {
        Database = database;
        Phemex = phemex;
        Telegram = telegram;
        Account = account;
    }

    public TestDatabase Database { get; }

    public FakePhemexServer Phemex { get; }

    public FakeTelegramServer Telegram { get; }

    public FakeAccount Account { get; }

    public int BotId { get; private set; }

    public string EncryptionKey { get; } = SecretBox.GenerateKey();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("diptrader-worker").FullName;

    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? more = null) => new(more ?? new Dictionary<string, string>())
    {
        ["DATABASE_URL"] = Database.Connection.ConnectionString,
        ["ENCRYPTION_KEY"] = EncryptionKey,
        ["PHEMEX_BASE_URL"] = Phemex.BaseUrl.ToString(),
        ["TELEGRAM_API_URL"] = Telegram.BaseUrl.ToString(),
        ["MARKET_DATA"] = "phemex",
        ["Scheduler__MinuteLength"] = "00:00:01",
        ["Scheduler__ReconcileInterval"] = "00:00:00.5",
        ["Scheduler__FirstRunDelay"] = "00:00:00.2",
    };

    public static async Task<WorkerSeed> StartAsync(string email, string key, string secret, string telegramToken)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, cancellationToken);
        var phemex = await FakePhemexServer.StartAsync(cancellationToken: cancellationToken);
        var telegram = await FakeTelegramServer.StartAsync();
        var seed = new WorkerSeed(database, phemex, telegram, phemex.AddAccount(key, secret, 10_000m));
        LogScan.SetOpeningMarket(phemex, "BTCUSDT");
        seed.BotId = await seed.PhemexBotAsync(email, key, secret, telegramToken);
        return seed;
    }

    public async Task<int> OkRunsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.BotRuns.CountAsync(r => r.BotId == BotId && r.Outcome == RunOutcomes.Ok, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Telegram.DisposeAsync();
        await Phemex.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<int> PhemexBotAsync(string email, string key, string secret, string telegramToken)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var box = SecretBox.Create(null, EncryptionKey);
        var now = DateTime.UtcNow;
        await using var db = Database.CreateContext();
        var user = new User { Email = email, PasswordHash = "x", CreatedAt = now, UpdatedAt = now, IsApproved = true };
        var bot = new Bot
        {
            User = user, Name = "Observed", Exchange = "phemex", Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 1, CreatedAt = now, UpdatedAt = now,
            ApiKeyEncrypted = box.Encrypt(key), ApiSecretEncrypted = box.Encrypt(secret),
        };
        db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = "BTCUSDT", Side = "Long", EmaInterval = 1, AutomaticMode = true, Config = LogScan.StrategyConfig, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        db.NotificationSettings.Add(new NotificationSetting
        {
            UserId = user.Id, TelegramBotTokenEncrypted = box.Encrypt(telegramToken), TelegramChatIdEncrypted = box.Encrypt("-1001234"), Enabled = true, UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return bot.Id;
    }
}
