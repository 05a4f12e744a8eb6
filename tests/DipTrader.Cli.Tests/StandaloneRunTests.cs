using System.Text.Json;
using System.Text.RegularExpressions;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;
using DipTrader.Trading.Market;

namespace DipTrader.Cli.Tests;

/// <summary>
/// <c>diptrader run</c> as a process, with a Python bot's <c>.env</c>, against the fake Phemex and Telegram
/// servers on loopback: a dip, an add, the recovery, a partial and a full take-profit.
/// </summary>
public sealed partial class StandaloneRunTests : IAsyncLifetime
{
    private const string Key = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private const string Secret = "c2VjcmV0LWZvci1kb2NzLW9ubHktbm90LXJlYWw";
    private const string TelegramToken = "123456789:AAtelegram-token-for-tests-only-xyz";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"diptrader-run-{Guid.NewGuid():N}");
    private FakePhemexServer _phemex = null!;
    private FakeTelegramServer _telegram = null!;
    private FakeAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _phemex = await FakePhemexServer.StartAsync();
        _telegram = await FakeTelegramServer.StartAsync();
        _account = _phemex.AddAccount(Key, Secret, balance: 10_000m);
        // EMA50/EMA200 near 90 on 1-minute candles, the 1 h EMA100 at 110, a calm 5-minute window.
        _phemex.SetCandles("BTCUSDT", 1, Flat(90m, 1000, 1));
        _phemex.SetCandles("BTCUSDT", 60, Flat(110m, 1000, 60));
        _phemex.SetCandles("BTCUSDT", 5, Flat(100m, 100, 5));
        _phemex.SetPrice("BTCUSDT", 100m);
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), $"""
            # The Python bot's .env, unchanged, plus DipTrader's PHEMEX_BASE_URL and STRATEGY_CONFIG
            API_KEY={Key}
            API_SECRET={Secret}
            SYMBOL=BTCUSDT:Long:True
            EMA_INTERVAL=1
            TESTNET=False
            USE_POSTONLY=true
            BOT_STARTUP=true
            TELEGRAM_BOT_TOKEN={TelegramToken}
            TELEGRAM_CHAT_ID=-1001234
            PHEMEX_BASE_URL={_phemex.BaseUrl}
            STRATEGY_CONFIG={"{"}"first_order_margin":0.009,"target_margin":0.005,"min_profit_of_balance":0.0005,"reduce_steps":[[1.0,0.5],[0.8,0.33]]{"}"}
            """, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _phemex.DisposeAsync();
        await _telegram.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Dictionary<string, string> Environment => new() { ["TELEGRAM_API_URL"] = _telegram.BaseUrl.ToString() };

    private async Task<(int Code, string Conclusion)> RunOnceAsync(string period = "1m", Dictionary<string, string>? environment = null)
    {
        // The shortest slot is a minute; runs within one slot still place their orders here, as each is a different action.
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var (code, output, error) = await CliProcess.RunAsync(_directory, environment ?? Environment, "run", "--period", period);
        Assert.DoesNotContain(Secret, output + error);
        Assert.DoesNotContain(TelegramToken, output + error);
        var conclusion = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(j => j.GetProperty("Category").GetString() == "DipTrader.Bots.Running.BotRunner" && j.TryGetProperty("State", out var s) && s.TryGetProperty("Conclusion", out _))
            .Select(j => j.GetProperty("State").GetProperty("Conclusion").GetString()!)
            .LastOrDefault() ?? $"(no conclusion) {error}";
        return (code, conclusion);
    }

    [Fact]
    public async Task A_dip_an_add_a_recovery_and_two_profit_takes_place_exactly_the_expected_orders()
    {
        var open = await RunOnceAsync();
        _phemex.SetPrice("BTCUSDT", 94m);          // the resting bid at 100 fills on the way down
        var add = await RunOnceAsync();
        _phemex.SetPrice("BTCUSDT", 93m);          // the add at 94 fills
        _phemex.SetPrice("BTCUSDT", 104m);         // recovery
        var reduce = await RunOnceAsync();
        _phemex.SetPrice("BTCUSDT", 105m);         // the reduce-only sell at the ask fills
        var close = await RunOnceAsync();
        _phemex.SetPrice("BTCUSDT", 106m);         // the close fills

        Assert.Equal(0, open.Code);
        Assert.StartsWith("N1 Open", open.Conclusion);
        Assert.StartsWith("P5 Add", add.Conclusion);
        Assert.StartsWith("T2 Reduce", reduce.Conclusion);
        Assert.StartsWith("T3 Close", close.Conclusion);
        Assert.All(new[] { add, reduce, close }, run => Assert.Equal(0, run.Code));

        var orders = _account.Orders.OrderBy(o => o.CreatedAt).ToList();
        Assert.Equal(4, orders.Count);
        Assert.Equal([OrderSide.Buy, OrderSide.Buy, OrderSide.Sell, OrderSide.Sell], orders.Select(o => o.Side));
        Assert.Equal([false, false, true, true], orders.Select(o => o.ReduceOnly));
        Assert.Equal(["PostOnly", "PostOnly", "GoodTillCancel", "GoodTillCancel"], orders.Select(o => o.TimeInForce));
        Assert.All(orders, o => Assert.Equal(PositionSide.Long, o.PositionSide));
        Assert.All(orders, o => Assert.Equal("Filled", o.Status));
        Assert.Equal(["O", "A", "R", "C"], orders.Select(o => ClientOrderIdPattern().Match(o.ClientOrderId).Groups["action"].Value));
        Assert.Equal(orders[2].Quantity, orders[3].Quantity); // half closed, then the exact remaining half
        Assert.Null(_account.Position("BTCUSDT", PositionSide.Long) is { Size: > 0 } p ? p : null);
        Assert.Equal(10, (int)_account.Leverage("BTCUSDT", PositionSide.Long));

        // Each fill is announced by the run that learns of it: the close's by one more run, which opens nothing (automatic
        // mode off; an Open in the first run's one-minute slot would answer with that first order).
        var learns = Environment;
        learns["SYMBOL"] = "BTCUSDT:Long:False";
        Assert.Equal(0, (await RunOnceAsync(environment: learns)).Code);
        var messages = _telegram.Messages.Select(m => m.Text).ToList();
        Assert.All(_telegram.Messages, m => Assert.Equal(("-1001234", TelegramToken, "Html"), (m.ChatId, m.BotToken, m.ParseMode)));
        Assert.Contains(messages, m => m.Contains("Bot started", StringComparison.Ordinal));
        var updates = messages.Select(m => Regex.Match(m, "<b>Position (\\w+):")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["OPENED", "ADDED", "REDUCED", "CLOSED"], updates);
        // Every order rested first: the runs that sent them said so, and said nothing had filled yet.
        Assert.Equal(["Open", "Add", "Reduce", "Close"], messages.Select(m => Regex.Match(m, "<b>(\\w+) order resting:")).Where(m => m.Success).Select(m => m.Groups[1].Value).Take(4));
    }

    [Fact]
    public async Task Stopping_a_repeating_bot_cancels_the_order_its_last_run_left_resting()
    {
        using var bot = CliProcess.Start(_directory, Environment, "run", "--every", "1h");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!_account.Orders.Any(o => o.IsResting) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var resting = Assert.Single(_account.Orders, o => o.IsResting);

        bot.Terminate();

        Assert.Equal(0, await bot.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("Canceled", _account.Order(resting.ClientOrderId)!.Status);
        Assert.Single(_account.Orders);
        Assert.DoesNotContain("could not cancel", bot.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_repeated_after_a_crash_mid_order_places_no_second_order()
    {
        // Phemex books the order but the answer never arrives; the process dies waiting.
        _phemex.Faults.Next(FakeFault.AcceptThenHang(), count: 1, method: "POST", path: "/g-orders");
        using (var crashing = CliProcess.Start(_directory, Environment, "run", "--period", "1h"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (_account.Orders.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            crashing.Crash();
        }
        var booked = Assert.Single(_account.Orders);

        var (code, _, error) = await CliProcess.RunAsync(_directory, Environment, "run", "--period", "1h");

        Assert.Equal(0, code);
        Assert.Equal(1, _account.CountOrders(booked.ClientOrderId));
        Assert.Single(_account.Orders);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public async Task A_env_file_with_cr_line_endings_quoted_values_and_comments_reads_as_python_dotenv_reads_it()
    {
        // Old Mac line endings (CR only), a quoted key and secret with comments after them, a tab before a comment,
        // and the exchange's address from ${...}, which python-dotenv fills from the environment.
        var env = (await EnvLinesAsync())
            .Select(l => l.StartsWith("API_KEY=", StringComparison.Ordinal) ? $"export\tAPI_KEY=\"{Key}\" # the key id"
                : l.StartsWith("API_SECRET=", StringComparison.Ordinal) ? $"API_SECRET='{Secret}'\t# keep it secret"
                : l.StartsWith("EMA_INTERVAL=", StringComparison.Ordinal) ? "EMA_INTERVAL=1\t# minutes"
                : l.StartsWith("PHEMEX_BASE_URL=", StringComparison.Ordinal) ? "PHEMEX_BASE_URL=${FAKE_PHEMEX_URL}"
                : l);
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), string.Join('\r', env), TestContext.Current.CancellationToken);

        var open = await RunOnceAsync(environment: new Dictionary<string, string>(Environment) { ["FAKE_PHEMEX_URL"] = _phemex.BaseUrl.ToString() });

        Assert.Equal(0, open.Code);
        Assert.StartsWith("N1 Open", open.Conclusion);
        Assert.Single(_account.Orders);
    }

    [Theory]
    [InlineData("TESTNET=yes", "TESTNET: must be true, 1 or t (any case) for true")]
    [InlineData("USE_POSTONLY=on", "USE_POSTONLY: must be true, 1, t or yes (any case) for true")]
    [InlineData("BOT_STARTUP=y", "BOT_STARTUP: must be true, 1 or t (any case) for true")]
    [InlineData($"LEVERAGE={Secret}", "LEVERAGE: must be a whole number from 1 to 100 (the value given is not shown")]
    [InlineData($"EMA_INTERVAL={Key}", "EMA_INTERVAL: must be a whole number (the value given is not shown")]
    [InlineData("TELEGRAM_BOT_TOKEN=12345678901234567:AAtelegram-token-for-tests-only-xyz", "TELEGRAM_BOT_TOKEN: must look like 123456789:AAE")]
    public async Task A_value_the_python_bot_read_otherwise_or_that_may_hold_a_secret_is_refused_without_echoing_secrets(string line, string message)
    {
        var name = line[..line.IndexOf('=', StringComparison.Ordinal)];
        var env = (await EnvLinesAsync()).Where(l => !l.StartsWith(name + "=", StringComparison.Ordinal)).Append(line);
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), string.Join('\n', env), TestContext.Current.CancellationToken);

        var (code, output, error) = await CliProcess.RunAsync(_directory, Environment, "run", "--period", "5m");

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Empty(_account.Orders);
        Assert.DoesNotContain(Secret, output + error);
        Assert.DoesNotContain(Key, output + error);
        Assert.DoesNotContain("AAtelegram-token-for-tests-only-xyz", output + error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_state_directory_that_cannot_be_written_is_refused_before_any_order()
    {
        var notADirectory = Path.Combine(_directory, "state-is-a-file");
        await File.WriteAllTextAsync(notADirectory, "x", TestContext.Current.CancellationToken);

        var (code, _, error) = await CliProcess.RunAsync(_directory, Environment, "run", "--period", "5m", "--state-dir", Path.Combine(notADirectory, "data"));

        Assert.Equal(2, code);
        Assert.Contains("--state-dir: ", error);
        Assert.Contains("cannot be created or written", error);
        Assert.Empty(_account.Orders);
        Assert.DoesNotContain("   at ", error);
    }

    private async Task<string[]> EnvLinesAsync() =>
        (await File.ReadAllTextAsync(Path.Combine(_directory, ".env"), TestContext.Current.CancellationToken)).Split('\n');

    private static Candle[] Flat(decimal price, int count, int intervalMinutes)
    {
        var seconds = intervalMinutes * 60L;
        var lastClosed = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / seconds - 1) * seconds;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var wobble = i % 2 == 0 ? 0.05m : -0.05m;
            var close = price + wobble;
            return new Candle(lastClosed - (count - 1 - i) * seconds, price, Math.Max(price, close) + 0.05m, Math.Min(price, close) - 0.05m, close, 10m);
        })];
    }

    [GeneratedRegex("^dt-BTCUSDT-L-\\d+-(?<action>[OARC])$")]
    private static partial Regex ClientOrderIdPattern();
}
