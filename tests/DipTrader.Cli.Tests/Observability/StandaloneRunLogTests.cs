using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;

namespace DipTrader.Cli.Tests.Observability;

/// <summary>
/// <c>diptrader run</c> from a Python bot's <c>.env</c> with every log level at Trace, against the fake Phemex and
/// Telegram servers: JSON lines scoped by pair and client order id, and neither the key, the secret nor the
/// Telegram token anywhere on stdout or stderr.
/// </summary>
public sealed class StandaloneRunLogTests : IAsyncLifetime
{
    private const string Key = "5b4a3c2d-standalone-observed-key-01";
    private const string Secret = "c3RhbmRhbG9uZS1vYnNlcnZlZC1zZWNyZXQtdGVzdA";
    private const string TelegramToken = "555000111:AAstandalone-telegram-token-tests";

    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-observed-run").FullName;
    private FakePhemexServer _phemex = null!;
    private FakeTelegramServer _telegram = null!;

    public async ValueTask InitializeAsync()
    {
        _phemex = await FakePhemexServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _telegram = await FakeTelegramServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _phemex.DisposeAsync();
        await _telegram.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_standalone_run_logged_at_trace_carries_pair_and_client_order_id_and_no_key_secret_or_token()
    {
        var account = _phemex.AddAccount(Key, Secret, balance: 10_000m);
        LogScan.SetOpeningMarket(_phemex, "BTCUSDT");
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), $"""
            API_KEY={Key}
            API_SECRET={Secret}
            SYMBOL=BTCUSDT:Long:True
            EMA_INTERVAL=1
            TESTNET=False
            BOT_STARTUP=true
            TELEGRAM_BOT_TOKEN={TelegramToken}
            TELEGRAM_CHAT_ID=-1001234
            PHEMEX_BASE_URL={_phemex.BaseUrl}
            STRATEGY_CONFIG={LogScan.StrategyConfig}
            """, TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string>(LogScan.Everything) { ["TELEGRAM_API_URL"] = _telegram.BaseUrl.ToString() };

        var (code, output, error) = await CliProcess.RunAsync(_directory, environment, "run", "--period", "1m");

        Assert.True(code == 0, $"exit {code}: {error}");
        var order = Assert.Single(account.Orders);
        Assert.NotEmpty(_telegram.Messages);
        var lines = LogScan.JsonLines(output);
        Assert.Contains(lines, l => l.GetProperty("LogLevel").GetString() == "Trace");
        var ordering = lines.Select(LogScan.Scopes).Where(s => s.GetValueOrDefault("ClientOrderId") == order.ClientOrderId).ToList();
        Assert.NotEmpty(ordering);
        Assert.All(ordering, s => Assert.Equal(("BTCUSDT", "Long"), (s["Symbol"], s["Side"])));
        LogScan.AssertNoSecrets(output + error, ("API key", Key), ("API secret", Secret), ("Telegram bot token", TelegramToken));
    }
}
