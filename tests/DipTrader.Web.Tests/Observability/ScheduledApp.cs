using System.Net;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.Prometheus;
using DipTrader.Web.Observability;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests.Observability;

/// <summary>
/// The app with its own scheduler running bots every few seconds (one "minute" is a second), so that metrics and
/// health have real runs to report, and Phemex played by the fake server on loopback (for the exchange probe).
/// </summary>
public abstract class ScheduledApp(string provider) : WebAppFixture(provider)
{
    public FakePhemexServer Phemex { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Phemex = await FakePhemexServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Phemex.SetPrice(ExchangeProbe.Symbol, 100m);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Phemex is not null)
        {
            await Phemex.DisposeAsync();
        }
    }

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["PHEMEX_BASE_URL"] = Phemex.BaseUrl.ToString(),
        ["SCHEDULER_ENABLED"] = "true",
        ["Scheduler:MinuteLength"] = "00:00:01",
        ["Scheduler:FirstRunDelay"] = "00:00:00.2",
        ["Scheduler:ReconcileInterval"] = "00:00:00.5",
    };

    /// <summary>A signed-in user's running paper bot (one pair, BTCUSDT long) and its id.</summary>
    public async Task<(Session Owner, int BotId)> RunningPaperBotAsync(string name)
    {
        var owner = await App.SignedInUserAsync();
        var bot = await owner.CreateBotAsync(name, runEveryMinutes: 5);
        await owner.AddPairAsync(bot);
        (await owner.ApiAsync(HttpMethod.Post, Urls.Api(bot, "start"))).Is(HttpStatusCode.OK);
        return (owner, bot);
    }

    /// <summary>The admin's scrape of /metrics, read until <paramref name="ready"/> holds (runs take a while on a busy machine).</summary>
    public async Task<PrometheusScrape> ScrapeUntilAsync(Func<PrometheusScrape, bool> ready, string waitingFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var scrape = await ScrapeAsync();
            if (ready(scrape))
            {
                return scrape;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No {waitingFor} on /metrics within 120 s; families: {scrape.Families}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    public async Task<PrometheusScrape> ScrapeAsync()
    {
        var answer = await ApiAnswer.SendAsync(Admin.Client, HttpMethod.Get, "/metrics");
        Assert.True(answer.Status == HttpStatusCode.OK, $"admin scrape: {(int)answer.Status}");
        return PrometheusScrape.Parse(answer.Body);
    }
}

public sealed class ScheduledSqliteApp() : ScheduledApp(TestDatabase.Sqlite);

public sealed class ScheduledPostgresApp() : ScheduledApp(TestDatabase.Postgres);
