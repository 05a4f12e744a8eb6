using DipTrader.Testing.Prometheus;

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
        await using var seed = await WorkerSeed.StartAsync("observed@example.com", Key, Secret, TelegramToken);
        var (account, telegram, botId, encryptionKey) = (seed.Account, seed.Telegram, seed.BotId, seed.EncryptionKey);
        var port = LogScan.FreePort();
        var environment = seed.Environment(new Dictionary<string, string>(LogScan.Everything)
        {
            ["METRICS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var worker = CliProcess.Start(seed.Directory, environment, "worker", "--log-format", "json");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Wait for the opening order and a few more runs, then for a scrape that has them all.
        await LogScan.WaitUntilAsync(async () => account.Orders.Count >= 1 && await seed.OkRunsAsync() >= 3 && telegram.Messages.Count >= 1,
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
}
