using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Tests;

/// <summary>
/// Two <c>diptrader worker</c> processes on one PostgreSQL database and fifty bots on the fake Phemex server:
/// every bot runs once per period, never on both at once, and when one worker dies the other keeps every bot running.
/// </summary>
public sealed class WorkerClusterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_workers_share_fifty_bots_without_overlap_and_the_survivor_takes_over_a_crashed_one()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, Token);
        await using var phemex = await FakePhemexServer.StartAsync(new FakePhemexOptions { ContractCapacity = 100_000, OthersCapacity = 100_000, IpCapacity = 1_000_000 }, Token);
        var key = SecretBox.GenerateKey();
        var box = SecretBox.Create(null, key);
        CalmMarket.Set(phemex, "BTCUSDT", 100m);
        var bots = await SeedAsync(database, phemex, box, 50);
        var directory = Directory.CreateTempSubdirectory("diptrader-workers").FullName;
        Dictionary<string, string> Env(string instance) => new()
        {
            ["DATABASE_URL"] = database.Connection.ConnectionString,
            ["ENCRYPTION_KEY"] = key,
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["MARKET_DATA"] = "phemex",
            ["SCHEDULER_INSTANCE"] = instance,
            ["Scheduler__MinuteLength"] = "00:00:02",
            ["Scheduler__ReconcileInterval"] = "00:00:00.5",
            ["Scheduler__ClusterCheckinInterval"] = "00:00:01",
            ["Scheduler__FirstRunDelay"] = "00:00:00.2",
        };
        using var a = CliProcess.Start(directory, Env("a"), "worker", "--log-format", "text");
        using var b = CliProcess.Start(directory, Env("b"), "worker", "--log-format", "text");

        // Wait for every bot's first run (process start-up and the first reconcile take a while on a busy machine),
        // then watch a steady window before killing worker a.
        await WaitUntilAsync(database, runs => bots.All(bot => runs.Any(r => r.BotId == bot)), TimeSpan.FromSeconds(240), () => $"worker a: {a.Output} {a.Error}\nworker b: {b.Output} {b.Error}");
        var steadyFrom = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(20), Token);
        a.Crash();
        var crashedAt = DateTime.UtcNow;
        await WaitUntilAsync(database, runs => bots.All(bot => runs.Any(r => r.BotId == bot && r.StartedAt > crashedAt.AddSeconds(4) && r.Instance == "b")),
            TimeSpan.FromSeconds(180), () => $"worker b: {b.Output} {b.Error}");
        b.Dispose();

        await using var db = database.CreateContext();
        var runs = await db.BotRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Token);
        var beforeCrash = runs.Where(r => r.StartedAt < crashedAt).ToList();
        Assert.Equal(["a", "b"], beforeCrash.Select(r => r.Instance!).Distinct().Order());
        Assert.All(runs, r => Assert.Equal(RunOutcomes.Ok, r.Outcome));
        var window = (crashedAt - steadyFrom).TotalSeconds;
        foreach (var bot in bots)
        {
            // Period 4 s (2 minutes of 2 s): runs keep coming in the steady window (a busy CI machine skips some
            // fires), never a burst.
            var steady = beforeCrash.Count(r => r.BotId == bot && r.StartedAt >= steadyFrom);
            Assert.InRange(steady, window / 4 * 0.3, window / 4 + 2);
            var all = runs.Where(r => r.BotId == bot).OrderBy(r => r.StartedAt).ToList();
            for (var i = 1; i < all.Count; i++)
            {
                Assert.True(all[i].StartedAt >= all[i - 1].FinishedAt, $"bot {bot}: two runs at once");
            }
        }
    }

    private static async Task WaitUntilAsync(TestDatabase database, Func<List<BotRun>, bool> done, TimeSpan timeout, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                var runs = await db.BotRuns.AsNoTracking().ToListAsync(Token);
                if (done(runs))
                {
                    return;
                }
                Assert.True(DateTime.UtcNow < deadline, $"gave up after {timeout.TotalSeconds} s with {runs.Count} runs; {explain()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        }
    }

    private static async Task<List<int>> SeedAsync(TestDatabase database, FakePhemexServer phemex, SecretBox box, int count)
    {
        var now = DateTime.UtcNow;
        await using var db = database.CreateContext();
        var bots = new List<Bot>();
        for (var i = 0; i < count; i++)
        {
            var key = $"worker-key-{i:D2}";
            phemex.AddAccount(key, "secret-" + key, 10_000m);
            var user = new User { Email = $"{key}@example.com", PasswordHash = "x", CreatedAt = now, UpdatedAt = now, IsApproved = true };
            var bot = new Bot
            {
                User = user, Name = key, Exchange = "phemex", Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 2, CreatedAt = now, UpdatedAt = now,
                ApiKeyEncrypted = box.Encrypt(key), ApiSecretEncrypted = box.Encrypt("secret-" + key),
            };
            db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = "BTCUSDT", Side = "Long", AutomaticMode = false, CreatedAt = now });
            bots.Add(bot);
        }
        await db.SaveChangesAsync(Token);
        return [.. bots.Select(b => b.Id)];
    }
}
