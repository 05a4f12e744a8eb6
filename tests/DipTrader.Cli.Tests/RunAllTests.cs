using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Tests;

/// <summary>
/// <c>diptrader run-all</c>, the cron mode: one pass runs every running bot once; a bot stopped since the last pass has
/// what its last run left resting cancelled and booked.
/// </summary>
public sealed class RunAllTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-run-all").FullName;

    [Fact]
    public async Task A_pass_runs_the_running_bots_and_the_next_pass_cancels_what_a_since_stopped_bot_left_resting()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Token);
        await using var phemex = await FakePhemexServer.StartAsync(cancellationToken: Token);
        CalmMarket.Set(phemex, "BTCUSDT", 100m);
        var key = SecretBox.GenerateKey();
        var box = SecretBox.Create(null, key);
        var account = phemex.AddAccount("cron-key", "cron-secret", 10_000m);
        var now = DateTime.UtcNow;
        int botId;
        await using (var db = database.CreateContext())
        {
            var user = new User { Email = "cron@example.com", PasswordHash = "x", CreatedAt = now, UpdatedAt = now, IsApproved = true };
            var bot = new Bot
            {
                User = user, Name = "cron", Exchange = "phemex", Status = BotStatus.Running, RunEveryMinutes = 5, CreatedAt = now, UpdatedAt = now,
                ApiKeyEncrypted = box.Encrypt("cron-key"), ApiSecretEncrypted = box.Encrypt("cron-secret"),
            };
            // Automatic on a calm market: the first run places an entry that rests at the bid.
            db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = "BTCUSDT", Side = "Long", AutomaticMode = true, CreatedAt = now });
            await db.SaveChangesAsync(Token);
            botId = bot.Id;
        }
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = database.Connection.ConnectionString,
            ["ENCRYPTION_KEY"] = key,
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["TELEGRAM_API_URL"] = "http://127.0.0.1:9",
            ["MARKET_DATA"] = "phemex",
        };

        var (code, output, error) = await CliProcess.RunAsync(_directory, environment, "run-all", "--log-format", "text");

        Assert.True(code == 0, $"{output}\n{error}");
        Assert.Contains($"bot {botId} (cron): Succeeded", output, StringComparison.Ordinal);
        Assert.Contains("1/1 bots ran.", output, StringComparison.Ordinal);
        var resting = Assert.Single(account.Orders, o => o.IsResting);

        await using (var db = database.CreateContext())
        {
            await db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BotStatus.Stopped), Token);
        }
        (code, output, error) = await CliProcess.RunAsync(_directory, environment, "run-all", "--log-format", "text");

        Assert.True(code == 0, $"{output}\n{error}");
        Assert.Contains($"bot {botId}: not running; closed what its last runs left resting", output, StringComparison.Ordinal);
        Assert.Equal("Canceled", account.Order(resting.ClientOrderId)!.Status);
        Assert.Single(account.Orders);
        await using var read = database.CreateContext();
        Assert.Equal(1, await read.BotRuns.CountAsync(r => r.BotId == botId, Token));
        Assert.Equal("Canceled", (await read.Trades.SingleAsync(t => t.BotId == botId, Token)).Status);
        Assert.True(await read.BotLogs.AnyAsync(l => l.BotId == botId && l.Message!.Contains("cancelled order " + resting.ClientOrderId), Token));

        // Nothing left: the pass after that has nothing to close.
        (code, output, _) = await CliProcess.RunAsync(_directory, environment, "run-all", "--log-format", "text");
        Assert.Equal(0, code);
        Assert.DoesNotContain("not running", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
