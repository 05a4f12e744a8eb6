using System.Text.Json;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;

namespace DipTrader.Cli.Tests.Upgrade;

/// <summary>
/// The standalone Python bot's <c>.env</c>, byte for byte as its README had users write it (no DipTrader
/// setting in it), runs with <c>diptrader run --env-file</c>. Only the exchange's address comes from the
/// environment, to reach the fake Phemex server. <see cref="StandaloneRunTests"/> drives a whole trade cycle
/// from a <c>.env</c> that also carries DipTrader's STRATEGY_CONFIG; this is the upgrade's first run.
/// </summary>
public sealed class StandaloneEnvUpgradeTests : IDisposable
{
    private const string Key = "a7c3e9f1-0b2d-4e6f-8a1c-3e5f7a9b1d2f";
    private const string Secret = "cHl0aG9uLWJvdC1zZWNyZXQtZm9yLXVwZ3JhZGU";
    private const string TelegramToken = "987654321:AAstandalone-telegram-token-for-upgrade";

    // As the Python bot's .env.example shaped it: comments, a quoted value, two pairs, testnet off.
    private const string PythonEnv = $"""
        # Phemex API credentials
        API_KEY={Key}
        API_SECRET="{Secret}"

        # Trading: SYMBOL:Side:automatic, comma separated
        SYMBOL=BTCUSDT:Long:True,ETHUSDT:Short:False
        EMA_INTERVAL=1
        TESTNET=False
        USE_POSTONLY=true

        # Telegram notifications
        BOT_STARTUP=true
        TELEGRAM_BOT_TOKEN={TelegramToken}
        TELEGRAM_CHAT_ID=-1009876
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-env-upgrade-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_python_bots_env_file_runs_unchanged_with_diptrader_run()
    {
        await using var phemex = await FakePhemexServer.StartAsync(cancellationToken: Token);
        await using var telegram = await FakeTelegramServer.StartAsync();
        phemex.AddAccount(Key, Secret, 10_000m);
        CalmMarket.Set(phemex, "BTCUSDT", 100m);
        CalmMarket.Set(phemex, "ETHUSDT", 50m);
        var envFile = Path.Combine(_directory, "python-bot", ".env");
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        await File.WriteAllTextAsync(envFile, PythonEnv, Token);

        var (code, output, error) = await CliProcess.RunAsync(_directory, new Dictionary<string, string>
        {
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["TELEGRAM_API_URL"] = telegram.BaseUrl.ToString(),
        }, "run", "--env-file", envFile);

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal(PythonEnv, await File.ReadAllTextAsync(envFile, Token));
        Assert.Equal(2, Conclusions(output).Count);                                   // one per pair of SYMBOL
        var signed = phemex.Requests.All.Where(r => r.ApiKey is not null).ToList();
        Assert.NotEmpty(signed);
        Assert.All(signed, r => Assert.Equal((Key, 200), (r.ApiKey, r.Status)));      // signed with the .env's secret: the fake checks
        var started = telegram.Messages.SingleOrDefault(m => m.Text.Contains("Bot started", StringComparison.Ordinal));
        Assert.True(started is not null, $"no \"Bot started\" message; Telegram got {telegram.Messages.Count}\n{output}\n{error}");
        Assert.Equal(("-1009876", TelegramToken), (started.ChatId, started.BotToken));
        Assert.DoesNotContain(Secret, output + error);
        Assert.DoesNotContain(TelegramToken, output + error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> Conclusions(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(j => j.GetProperty("Category").GetString() == "DipTrader.Bots.Running.BotRunner" && j.TryGetProperty("State", out var s) && s.TryGetProperty("Conclusion", out _))
            .Select(j => j.GetProperty("State").GetProperty("Conclusion").GetString()!)];
}
