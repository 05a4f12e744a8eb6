using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;
using DipTrader.Testing.Prometheus;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Tests.Observability;

/// <summary>
/// <c>diptrader worker</c> with <c>METRICS_PORT</c>, every log level at Trace, and a live Phemex bot (the fake
/// server) that opens a position and tells its owner on Telegram: the loopback scrape has the scheduler's lag and
/// heartbeat, runs, decisions, orders and exchange calls; the JSON log lines carry bot id, pair and client order id;
/// and no key, secret, Telegram token or encryption key is anywhere in what the process wrote.
/// </summary>
public sealed class WorkerObservabilityTests
{
    private const string Key = "7c1d6a52-worker-observed-key-0001";
    private const string Secret = "d29ya2VyLW9ic2VydmVkLXNlY3JldC1mb3ItdGVzdHM";
    private const string TelegramToken = "987654321:AAworker-telegram-token-for-tests";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_serves_scheduler_and_bot_metrics_on_its_loopback_port_and_logs_scoped_json_without_secrets()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Token);
        await using var phemex = await FakePhemexServer.StartAsync(cancellationToken: Token);
        await using var telegram = await FakeTelegramServer.StartAsync();
        var account = phemex.AddAccount(Key, Secret, 10_000m);
        LogScan.SetOpeningMarket(phemex, "BTCUSDT");
        var encryptionKey = SecretBox.GenerateKey();
        var botId = await SeedAsync(database, SecretBox.Create(null, encryptionKey));
        var port = LogScan.FreePort();
        var directory = Directory.CreateTempSubdirectory("diptrader-observed-worker").FullName;
        var environment = new Dictionary<string, string>(LogScan.Everything)
        {
            ["DATABASE_URL"] = database.Connection.ConnectionString,
            ["ENCRYPTION_KEY"] = encryptionKey,
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["TELEGRAM_API_URL"] = telegram.BaseUrl.ToString(),
            ["MARKET_DATA"] = "phemex",
            ["METRICS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler__MinuteLength"] = "00:00:01",
            ["Scheduler__ReconcileInterval"] = "00:00:00.5",
            ["Scheduler__FirstRunDelay"] = "00:00:00.2",
        };
        using var worker = CliProcess.Start(directory, environment, "worker", "--log-format", "json");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Wait for the opening order and a few more runs, then for a scrape that has them all.
        await LogScan.WaitUntilAsync(async () => account.Orders.Count >= 1 && await OkRunsAsync(database, botId) >= 3 && telegram.Messages.Count >= 1,
            TimeSpan.FromSeconds(180), () => $"orders {account.Orders.Count}, telegram {telegram.Messages.Count}\n{worker.Output}\n{worker.Error}");
        PrometheusScrape scrape = null!;
        await LogScan.WaitUntilAsync(async () =>
        {
            scrape = PrometheusScrape.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), Token));
            return scrape.Sum("diptrader_bot_runs_total", ("outcome", "succeeded")) >= 3 && scrape.Has("diptrader_bot_orders_placed_total");
        }, TimeSpan.FromSeconds(60), () => scrape?.Families ?? "no scrape");
        worker.Dispose();

        Assert.True(scrape.Sum("diptrader_bot_decisions_total", ("rule", "N1"), ("action", "Open")) >= 1, scrape.Text);
        Assert.True(scrape.Sum("diptrader_bot_orders_placed_total", ("action", "Open")) >= 1, scrape.Text);
        Assert.Empty(scrape.Of("diptrader_bot_orders_rejected_total"));
        Assert.True(scrape.Sum("diptrader_bot_run_duration_seconds_count", ("outcome", "succeeded")) >= 3, scrape.Families);
        Assert.True(scrape.Sum("diptrader_scheduler_lag_seconds_count") >= 3, scrape.Families);
        Assert.True(scrape.Sum("diptrader_scheduler_reconcile_duration_seconds_count") >= 1, scrape.Families);
        Assert.InRange(Assert.Single(scrape.Of("diptrader_scheduler_heartbeat_age_seconds")).Value, 0, 60);
        Assert.True(scrape.Has("diptrader_scheduler_runs_active"), scrape.Families);
        // Exchange calls by endpoint, all answered.
        var calls = scrape.Of("diptrader_exchange_request_duration_seconds_count");
        Assert.Contains(calls, c => c.Label("endpoint") == "/g-orders" && c.Label("method") == "POST" && c.Label("outcome") == "ok" && c.Label("venue") == "phemex");
        Assert.Contains(calls, c => c.Label("endpoint").Contains("kline", StringComparison.Ordinal));
        Assert.All(calls, c => Assert.DoesNotContain(Key, c.Label("endpoint"), StringComparison.Ordinal));
        Assert.True(scrape.Types.ContainsKey("dotnet_gc_collections_total"), "runtime metrics");

        // JSON lines on stdout, the run's lines scoped by bot, pair and (while ordering) client order id.
        var lines = LogScan.JsonLines(worker.Output);
        var order = account.Orders[0];
        var ordering = lines.Select(LogScan.Scopes).Where(s => s.GetValueOrDefault("ClientOrderId") == order.ClientOrderId).ToList();
        Assert.NotEmpty(ordering);
        Assert.All(ordering, scope =>
        {
            Assert.Equal(botId.ToString(System.Globalization.CultureInfo.InvariantCulture), scope["BotId"]);
            Assert.Equal("BTCUSDT", scope["Symbol"]);
            Assert.Equal("Long", scope["Side"]);
        });
        Assert.Contains(lines, l => l.GetProperty("LogLevel").GetString() == "Trace");

        LogScan.AssertNoSecrets(worker.Output + worker.Error,
            ("API key", Key), ("API secret", Secret), ("Telegram bot token", TelegramToken), ("ENCRYPTION_KEY", encryptionKey));
    }

    private static async Task<int> OkRunsAsync(TestDatabase database, int botId)
    {
        await using var db = database.CreateContext();
        return await db.BotRuns.CountAsync(r => r.BotId == botId && r.Outcome == RunOutcomes.Ok, Token);
    }

    private static async Task<int> SeedAsync(TestDatabase database, SecretBox box)
    {
        var now = DateTime.UtcNow;
        await using var db = database.CreateContext();
        var user = new User { Email = "observed@example.com", PasswordHash = "x", CreatedAt = now, UpdatedAt = now, IsApproved = true };
        var bot = new Bot
        {
            User = user, Name = "Observed", Exchange = "phemex", Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 1, CreatedAt = now, UpdatedAt = now,
            ApiKeyEncrypted = box.Encrypt(Key), ApiSecretEncrypted = box.Encrypt(Secret),
        };
        db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = "BTCUSDT", Side = "Long", EmaInterval = 1, AutomaticMode = true, Config = LogScan.StrategyConfig, CreatedAt = now });
        await db.SaveChangesAsync(Token);
        db.NotificationSettings.Add(new NotificationSetting
        {
            UserId = user.Id, TelegramBotTokenEncrypted = box.Encrypt(TelegramToken), TelegramChatIdEncrypted = box.Encrypt("-1001234"), Enabled = true, UpdatedAt = now,
        });
        await db.SaveChangesAsync(Token);
        return bot.Id;
    }
}
