using System.Net;
using System.Text.Json.Nodes;
using DipTrader.Testing.Databases;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests.Observability;

/// <summary>
/// The two health answers: <c>/health</c> for load balancers (public, cheap: the database and the scheduler, no
/// exchange call, no per-bot detail), and <c>/api/admin/health</c> for admins (database, scheduler heartbeat,
/// Phemex reachability, every running bot's last successful run).
/// </summary>
public abstract class AdminHealthTests(ScheduledApp fixture)
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task The_detailed_health_is_for_admins_only_by_session_or_api_token()
    {
        using var visitor = App.NewSession();
        using var user = await App.SignedInUserAsync();
        var userToken = await user.CreateApiTokenAsync("health");
        var adminToken = await fixture.Admin.CreateApiTokenAsync("monitoring");
        using var userClient = App.ApiClientWithToken(userToken);
        using var adminClient = App.ApiClientWithToken(adminToken);

        var anonymous = await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/api/admin/health");
        Assert.Null(anonymous.Response.Headers.Location);
        anonymous.Is(HttpStatusCode.Unauthorized);
        var asUser = await ApiAnswer.SendAsync(user.Client, HttpMethod.Get, "/api/admin/health");
        Assert.Null(asUser.Response.Headers.Location);
        asUser.Is(HttpStatusCode.Forbidden);
        (await ApiAnswer.SendAsync(userClient, HttpMethod.Get, "/api/admin/health")).Is(HttpStatusCode.Forbidden);
        Assert.All(new[] { anonymous, asUser }, a => Assert.DoesNotContain("database", a.Body, StringComparison.Ordinal));

        var byToken = (await ApiAnswer.SendAsync(adminClient, HttpMethod.Get, "/api/admin/health")).Is(HttpStatusCode.OK);
        Assert.Equal("application/json", byToken.ContentType);
        Assert.Equal("connected", (string?)byToken.Json!["database"]!["status"]);
    }

    [Fact]
    public async Task Admins_see_the_database_the_scheduler_heartbeat_phemex_and_each_running_bots_last_successful_run()
    {
        var (owner, bot) = await fixture.RunningPaperBotAsync("Watched paper bot");
        owner.Dispose();

        // The run's record is committed a moment before the scheduler counts it as finished: wait for both.
        var health = await HealthUntilAsync(h => BotOf(h, bot)?["last_success_at"] is JsonValue
            && h.Json?["scheduler"]?["runs_last_hour"] is JsonValue runs && runs.GetValue<int>() >= 1);

        Assert.Equal("no-store", health.Response.Headers.CacheControl?.ToString());
        var json = health.Json!;
        Assert.True((string?)json["status"] == "healthy", health.Body);
        Assert.True(DateTimeOffset.UtcNow - json["checked_at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));

        var database = json["database"]!;
        Assert.Equal("connected", (string?)database["status"]);
        Assert.Equal(fixture.Provider, (string?)database["provider"]);
        Assert.True(database["latency_ms"]!.GetValue<double>() >= 0);

        var scheduler = json["scheduler"]!;
        Assert.Equal("alive", (string?)scheduler["state"]);
        Assert.True(DateTimeOffset.UtcNow - scheduler["last_heartbeat"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
        Assert.True(scheduler["runs_last_hour"]!.GetValue<int>() >= 1);
        Assert.True(scheduler["average_lag_ms"]!.GetValue<double>() >= 0);
        var instances = scheduler["instances"]!.AsArray();
        if (fixture.Provider == TestDatabase.Postgres)
        {
            // The clustered scheduler checks in to Quartz's table: this app is one live instance.
            var instance = Assert.Single(instances)!;
            Assert.True(instance["alive"]!.GetValue<bool>(), health.Body);
            Assert.True(DateTimeOffset.UtcNow - instance["last_checkin"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5), health.Body);
        }
        else
        {
            Assert.Empty(instances);
        }

        var exchanges = json["exchanges"]!.AsArray();
        Assert.Equal(["mainnet", "testnet"], exchanges.Select(e => (string?)e!["network"]));
        Assert.All(exchanges, e =>
        {
            Assert.Equal("phemex", (string?)e!["name"]);
            Assert.Equal("reachable", (string?)e["status"]);
            Assert.True(e["latency_ms"]!.GetValue<double>() >= 0);
        });

        var watched = BotOf(health, bot)!;
        Assert.Equal("Watched paper bot", (string?)watched["name"]);
        Assert.Equal("running", (string?)watched["status"]);
        Assert.Equal("paper", (string?)watched["exchange"]);
        Assert.False(watched["overdue"]!.GetValue<bool>());
        Assert.Equal(0, watched["consecutive_failures"]!.GetValue<int>());
        Assert.True(DateTimeOffset.UtcNow - watched["last_success_at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        Assert.DoesNotContain("api_key", health.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", health.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_for_load_balancers_is_public_and_cheap_no_exchange_call_and_no_bot_detail()
    {
        var (owner, bot) = await fixture.RunningPaperBotAsync("Balanced paper bot");
        owner.Dispose();
        using var visitor = App.NewSession();
        var quotesBefore = fixture.Phemex.Requests.All.Count;

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/health"));
        }

        Assert.All(answers, a =>
        {
            a.Is(HttpStatusCode.OK);
            Assert.Equal("healthy", (string?)a.Json!["status"]);
            Assert.Equal("connected", (string?)a.Json["database"]);
            Assert.Contains((string?)a.Json["scheduler"], new[] { "alive", "starting" });
            Assert.True(a.Json["active_bots"]!.GetValue<int>() >= 1);
            Assert.Equal(["status", "timestamp", "database", "scheduler", "active_bots"], a.Json.AsObject().Select(p => p.Key));
            Assert.DoesNotContain(bot.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", a.Body, StringComparison.Ordinal);
        });
        Assert.Equal(quotesBefore, fixture.Phemex.Requests.All.Count);
    }

    private async Task<ApiAnswer> HealthUntilAsync(Func<ApiAnswer, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var answer = await ApiAnswer.SendAsync(fixture.Admin.Client, HttpMethod.Get, "/api/admin/health");
            answer.Is(HttpStatusCode.OK);
            if (ready(answer))
            {
                return answer;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The detailed health did not get there within 120 s: {answer}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static JsonNode? BotOf(ApiAnswer health, int bot) =>
        health.Json!["bots"]!.AsArray().SingleOrDefault(b => b!["id"]!.GetValue<int>() == bot);
}

public sealed class AdminHealthTestsOnSqlite(ScheduledSqliteApp app) : AdminHealthTests(app), IClassFixture<ScheduledSqliteApp>;

public sealed class AdminHealthTestsOnPostgres(ScheduledPostgresApp app) : AdminHealthTests(app), IClassFixture<ScheduledPostgresApp>;
