using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Tests.Scheduling;

/// <summary>
/// Scheduler instances (each a generic host like <c>diptrader worker</c>) over one test database and the fake
/// Phemex server, with a one-second "minute" so periods take seconds.
/// </summary>
internal sealed class SchedulerCluster : IAsyncDisposable
{
    public static readonly DateTime Now = DateTime.UtcNow;

    // Quartz keeps its log provider in a static: every host of this test process shares one logger factory, never disposed.
    private static readonly ILoggerFactory Loggers = LoggerFactory.Create(_ => { });

    private readonly List<IHost> _hosts = [];

    private SchedulerCluster(TestDatabase database, FakePhemexServer phemex, SecretBox box)
    {
        Database = database;
        Phemex = phemex;
        Box = box;
    }

    public TestDatabase Database { get; }
    public FakePhemexServer Phemex { get; }
    public SecretBox Box { get; }

    public static async Task<SchedulerCluster> CreateAsync(string provider, CancellationToken cancellationToken)
    {
        var database = await TestDatabase.CreateAsync(provider, cancellationToken);
        var phemex = await FakePhemexServer.StartAsync(new FakePhemexOptions { ContractCapacity = 100_000, OthersCapacity = 100_000, IpCapacity = 1_000_000, HangDuration = TimeSpan.FromSeconds(20) }, cancellationToken);
        return new SchedulerCluster(database, phemex, SecretBox.Create(null, SecretBox.GenerateKey()));
    }

    /// <param name="settings">Settings that replace this cluster's defaults (e.g. <c>Scheduler:RunTimeout</c>).</param>
    public async Task<IHost> StartInstanceAsync(string name, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PHEMEX_BASE_URL"] = Phemex.BaseUrl.ToString(),
            ["MARKET_DATA"] = "phemex",
            ["SCHEDULER_INSTANCE"] = name,
            ["SCHEDULER_NAME"] = $"test-{Guid.NewGuid():N}",
            ["Scheduler:MinuteLength"] = "00:00:01",
            ["Scheduler:ReconcileInterval"] = "00:00:00.5",
            ["Scheduler:ClusterCheckinInterval"] = "00:00:01",
            ["Scheduler:FirstRunDelay"] = "00:00:00.2",
            ["Scheduler:RunTimeout"] = "00:00:02",
            ["Scheduler:MaxConsecutiveFailures"] = "3",
            ["Scheduler:MaxBackoffMinutes"] = "4",
            ["Phemex:RequestTimeout"] = "00:00:01",
            ["Phemex:Retry:MaxRetryAttempts"] = "0",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(Loggers);
        builder.Services.AddPersistence(Database.Connection);
        builder.Services.AddSingleton(Box);
        builder.Services.AddBotRuntime(builder.Configuration, new BotStorage.Database());
        builder.Services.AddBotScheduler(builder.Configuration, Database.Connection);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A running bot with one pair; its keys are a fake Phemex account unless <paramref name="registered"/> is false.</summary>
    /// <param name="automatic">Automatic mode: the pair opens positions by itself (its first run places an entry that rests at the bid).</param>
    public async Task<int> AddBotAsync(string key, bool registered = true, string symbol = "BTCUSDT", string status = BotStatus.Running, int runEveryMinutes = 1, bool automatic = false, CancellationToken cancellationToken = default)
    {
        if (registered)
        {
            Phemex.AddAccount(key, "secret-" + key, 10_000m);
        }
        await using var db = Database.CreateContext();
        var user = new User { Email = $"{key}@example.com", PasswordHash = "x", CreatedAt = Now, UpdatedAt = Now, IsApproved = true, MaxBots = 10 };
        var bot = new Bot
        {
            User = user, Name = key, Exchange = "phemex", Testnet = false, Status = status, RunEveryMinutes = runEveryMinutes, CreatedAt = Now, UpdatedAt = Now,
            ApiKeyEncrypted = Box.Encrypt(key), ApiSecretEncrypted = Box.Encrypt("secret-" + key),
        };
        // Manual mode on a flat market: every run reads the account and the market and holds (N5).
        db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = symbol, Side = "Long", AutomaticMode = automatic, CreatedAt = Now });
        await db.SaveChangesAsync(cancellationToken);
        return bot.Id;
    }

    public async Task<List<BotRun>> RunsAsync(CancellationToken cancellationToken)
    {
        await using var db = Database.CreateContext();
        return await db.BotRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public void SetCalmMarket(string symbol, decimal price)
    {
        foreach (var minutes in new[] { 1, 5, 60 })
        {
            var seconds = minutes * 60L;
            var last = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / seconds - 1) * seconds;
            Phemex.SetCandles(symbol, minutes, Enumerable.Range(0, 200).Select(i =>
                new Candle(last - (199 - i) * seconds, price, price + 0.1m, price - 0.1m, price + (i % 2 == 0 ? 0.05m : -0.05m), 10m)));
        }
        Phemex.SetPrice(symbol, price);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToList())
        {
            await StopAsync(host);
        }
        await Phemex.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task StopAsync(IHost host)
    {
        if (_hosts.Remove(host))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }
}
