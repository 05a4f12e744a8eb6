using System.Net;
using DipTrader.Testing.Prometheus;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests.Observability;

/// <summary>
/// <c>/metrics</c>: Prometheus text for admins (session or API token, as Prometheus sends it), 401 for anonymous
/// scrapers and 403 for users, never a login page; and after real requests and bot runs, the families an operator
/// graphs: runs by outcome, decisions by rule and action, request latency by route, scheduler lag and heartbeat.
/// </summary>
public abstract class MetricsEndpointTests(ScheduledApp fixture)
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task Metrics_answer_401_to_anonymous_scrapers_403_to_users_and_prometheus_text_to_admins()
    {
        using var visitor = App.NewSession();
        using var user = await App.SignedInUserAsync();

        var anonymous = await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/metrics");
        var asUser = await ApiAnswer.SendAsync(user.Client, HttpMethod.Get, "/metrics");
        var asAdmin = await ApiAnswer.SendAsync(fixture.Admin.Client, HttpMethod.Get, "/metrics");

        anonymous.Is(HttpStatusCode.Unauthorized);
        Assert.Null(anonymous.Response.Headers.Location);
        Assert.Equal("Bearer", anonymous.Response.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("# TYPE", anonymous.Body, StringComparison.Ordinal);
        asUser.Is(HttpStatusCode.Forbidden);
        Assert.Null(asUser.Response.Headers.Location);
        Assert.DoesNotContain("# TYPE", asUser.Body, StringComparison.Ordinal);
        asAdmin.Is(HttpStatusCode.OK);
        Assert.Equal("text/plain", asAdmin.ContentType);
        Assert.Contains("# TYPE ", asAdmin.Body, StringComparison.Ordinal);
        Assert.Contains("no-store", asAdmin.Response.Headers.CacheControl?.ToString());
        Assert.NotEmpty(PrometheusScrape.Parse(asAdmin.Body).Samples);
    }

    [Fact]
    public async Task Prometheus_authenticates_with_an_admins_api_token_and_a_users_token_is_refused()
    {
        var adminToken = await fixture.Admin.CreateApiTokenAsync("prometheus");
        using var user = await App.SignedInUserAsync();
        var userToken = await user.CreateApiTokenAsync("curious");
        using var prometheus = App.ApiClientWithToken(adminToken);
        using var userClient = App.ApiClientWithToken(userToken);
        using var forged = App.ApiClientWithToken("dt_" + new string('x', 43));

        var admins = await ApiAnswer.SendAsync(prometheus, HttpMethod.Get, "/metrics");
        var users = await ApiAnswer.SendAsync(userClient, HttpMethod.Get, "/metrics");
        var unknown = await ApiAnswer.SendAsync(forged, HttpMethod.Get, "/metrics");

        admins.Is(HttpStatusCode.OK);
        Assert.Equal("text/plain", admins.ContentType);
        Assert.NotEmpty(PrometheusScrape.Parse(admins.Body).Samples);
        users.Is(HttpStatusCode.Forbidden);
        unknown.Is(HttpStatusCode.Unauthorized);
        Assert.Null(unknown.Response.Headers.Location);
    }

    [Fact]
    public async Task After_pages_and_bot_runs_the_scrape_has_runs_by_outcome_decisions_by_rule_and_requests_by_route()
    {
        var (owner, bot) = await fixture.RunningPaperBotAsync("Metered paper bot");
        using (owner)
        {
            (await owner.GetAsync("/dashboard")).Is(HttpStatusCode.OK);
            (await owner.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
            (await owner.ApiAsync(HttpMethod.Get, Urls.Api(bot, "runs"))).Is(HttpStatusCode.OK);
        }

        var scrape = await fixture.ScrapeUntilAsync(s => s.Sum("diptrader_bot_runs_total", ("outcome", "succeeded")) >= 2
            && s.Has("diptrader_bot_decisions_total") && s.Has("diptrader_scheduler_heartbeat_age_seconds")
            && new[] { "bots/{id:int}", "/api/bots/{id:int}/runs", "/metrics" }.All(route => s.Has("http_server_request_duration_seconds_count", ("http_route", route))),
            "two succeeded runs, a decision, a heartbeat and every route requested (a request's duration is recorded as it ends, which can be after the client read the answer)");

        Assert.Equal("counter", scrape.Types["diptrader_bot_runs_total"]);
        Assert.All(scrape.Of("diptrader_bot_decisions_total"), d =>
        {
            Assert.Matches("^[A-Z][0-9]+$", d.Label("rule"));
            Assert.Contains(d.Label("action"), new[] { "Open", "Add", "Reduce", "Close", "Hold" });
        });
        Assert.True(scrape.Sum("diptrader_bot_run_duration_seconds_count", ("outcome", "succeeded")) >= 2, scrape.Families);
        Assert.True(scrape.Sum("diptrader_scheduler_lag_seconds_count") >= 2, scrape.Families);
        Assert.Single(scrape.Of("diptrader_scheduler_heartbeat_age_seconds"));
        Assert.InRange(scrape.Of("diptrader_scheduler_heartbeat_age_seconds")[0].Value, 0, 60);
        Assert.True(scrape.Has("diptrader_scheduler_runs_active"), scrape.Families);

        // Request latency by route template (never the raw path with its ids), for pages (Razor's templates have no
        // leading slash) and the API alike.
        Assert.Equal("histogram", scrape.Types["http_server_request_duration_seconds"]);
        var routes = scrape.Of("http_server_request_duration_seconds_count").Select(s => s.Label("http_route")).ToHashSet();
        Assert.Contains("dashboard", routes);
        Assert.Contains("bots/{id:int}", routes);
        Assert.Contains("/api/bots/{id:int}/runs", routes);
        Assert.Contains("/metrics", routes);
        Assert.DoesNotContain(routes, r => r.Contains(bot.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.True(scrape.Has("http_server_request_duration_seconds_bucket", ("http_route", "bots/{id:int}"), ("http_request_method", "GET"), ("http_response_status_code", "200")),
            "a bucket of the bot page by method and status");
    }
}

public sealed class MetricsEndpointTestsOnSqlite(ScheduledSqliteApp app) : MetricsEndpointTests(app), IClassFixture<ScheduledSqliteApp>;

public sealed class MetricsEndpointTestsOnPostgres(ScheduledPostgresApp app) : MetricsEndpointTests(app), IClassFixture<ScheduledPostgresApp>
{
    private readonly ScheduledPostgresApp _fixture = app;

    [Fact]
    public async Task On_postgresql_the_scrape_has_npgsqls_connection_pool_use()
    {
        (await _fixture.Admin.GetAsync("/dashboard")).Is(HttpStatusCode.OK);

        var database = new Npgsql.NpgsqlConnectionStringBuilder(_fixture.App.Database.Connection.ConnectionString).Database!;

        var scrape = await _fixture.ScrapeUntilAsync(s => s.Of("db_client_connection_count").Any(c => c.Label("db_client_connection_pool_name").Contains(database, StringComparison.Ordinal)),
            "Npgsql pool metrics of the app's database");

        // Npgsql 10's names (OpenTelemetry's semantic conventions): connections by state per pool, the pool's maximum.
        var pool = scrape.Of("db_client_connection_count").Where(s => s.Label("db_client_connection_pool_name").Contains(database, StringComparison.Ordinal)).ToList();
        Assert.Equal(["idle", "used"], pool.Select(s => s.Label("db_client_connection_state")).Order());
        Assert.True(pool.Sum(s => s.Value) >= 1, "the app's pool holds a connection");
        Assert.Contains(scrape.Of("db_client_connection_max"), s => s.Label("db_client_connection_pool_name").Contains(database, StringComparison.Ordinal) && s.Value > 0);
        Assert.True(scrape.Has("db_client_operation_duration_seconds_count"), scrape.Families);
        // The pool is named by its connection string, which Npgsql gives without the password.
        Assert.All(scrape.Of("db_client_connection_count"), s => Assert.DoesNotContain("Password", s.Label("db_client_connection_pool_name"), StringComparison.OrdinalIgnoreCase));
    }
}
