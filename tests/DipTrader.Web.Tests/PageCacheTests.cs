using System.Net;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// The bot page and the dashboard are answered from a cache while what they show is unchanged: what a user sees must still be current, whoever
/// wrote the change (a worker on another machine writes straight into the database), its forms must still post, and a
/// one-time message must still show once.
/// </summary>
public abstract class PageCacheTests(WebAppFixture fixture)
{
    private WebApp App => fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unchanged_bot_page_is_answered_from_the_cache_with_the_same_page_and_security_headers()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Cached");
        var pair = await user.AddPairAsync(bot);
        await Seed.RunAsync(App, bot, pair);
        // The view that shows the "pair added" message is neither served from the cache nor kept.
        Assert.Null((await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Response.Headers.Age);

        var first = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        var second = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);

        Assert.Null(first.Response.Headers.Age);
        Assert.NotNull(second.Response.Headers.Age);
        Assert.Equal(first.Html, second.Html);
        Assert.Contains("frame-ancestors 'none'", second.Response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Another table page is another page.
        Assert.Null((await user.GetAsync(Urls.Bot(bot) + "?logs=2")).Is(HttpStatusCode.OK).Response.Headers.Age);
    }

    [Fact]
    public async Task A_run_recorded_by_another_process_shows_at_the_next_view()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Watched");
        var pair = await user.AddPairAsync(bot);
        await CachedAsync(user, bot);

        var run = await Seed.RunAsync(App, bot, pair);

        var page = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Null(page.Response.Headers.Age);
        Assert.Contains(run.Conclusion, page.Text);
        Assert.Contains("in 812 ms", page.Text);
    }

    [Fact]
    public async Task A_change_to_the_bot_or_a_pair_written_straight_to_the_database_shows_at_the_next_view()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Changed elsewhere");
        var pair = await user.AddPairAsync(bot);
        await CachedAsync(user, bot);

        // What the scheduler writes when runs keep failing: no run row, no log line, only the bot's own columns.
        await using (var db = App.Database.CreateContext())
        {
            await db.Bots.Where(b => b.Id == bot).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastError, "Phemex answered 401: check the API key"), Token);
        }
        Assert.Contains("Phemex answered 401: check the API key", (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Text);

        await CachedAsync(user, bot);
        await using (var db = App.Database.CreateContext())
        {
            await db.TradingPairs.Where(p => p.Id == pair).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false), Token);
        }
        Assert.Contains(">inactive<", (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Html);
    }

    [Fact]
    public async Task A_form_of_a_cached_page_posts_and_its_one_time_message_shows_once()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Busy");
        await user.AddPairAsync(bot);
        (await user.PostFormAsync(Urls.Bot(bot, "start"))).RedirectsTo(Urls.Bot(bot));
        var cached = await CachedAsync(user, bot);

        // Refused, so the bot and its page stay as they were: only the one-time message is new.
        (await user.PostFormFromAsync(cached, Urls.Bot(bot, "delete"))).RedirectsTo(Urls.Bot(bot));
        const string refusal = "Stop the bot before deleting it";
        Assert.Contains((await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Alerts, a => a.Contains(refusal, StringComparison.Ordinal));
        Assert.DoesNotContain((await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Alerts, a => a.Contains(refusal, StringComparison.Ordinal));

        cached = await CachedAsync(user, bot);
        (await user.PostFormFromAsync(cached, Urls.Bot(bot, "stop"))).RedirectsTo(Urls.Bot(bot));
        var stopped = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Contains("data-status=\"stopped\"", stopped.Html);
        Assert.Contains(stopped.Alerts, a => a.StartsWith("Bot stopped.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_user_in_another_browser_gets_a_page_whose_forms_post_there()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Two browsers");
        await user.AddPairAsync(bot);
        await CachedAsync(user, bot);

        // Another browser has another antiforgery cookie: a page cached for the first one would carry tokens it refuses.
        using var otherBrowser = await App.LoginAsync(user.Email!);
        var page = (await otherBrowser.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        (await otherBrowser.PostFormFromAsync(page, Urls.Bot(bot, "start"))).RedirectsTo(Urls.Bot(bot));
        Assert.Contains("data-status=\"running\"", (await otherBrowser.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Html);
    }

    [Fact]
    public async Task A_cached_page_is_never_shown_to_another_user()
    {
        using var owner = await App.SignedInUserAsync();
        using var other = await App.SignedInUserAsync();
        var bot = await owner.CreateBotAsync("Mine alone");
        await CachedAsync(owner, bot);

        (await other.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.NotFound);
        (await fixture.Admin.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.NotFound);
        using var anonymous = App.NewSession();
        Assert.Equal("/login", (await anonymous.GetAsync(Urls.Bot(bot))).LocationPath);
    }

    [Fact]
    public async Task The_dashboard_is_answered_from_the_cache_until_a_bot_changes_anywhere()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("On the dashboard");
        var first = await CachedAsync(user, "/dashboard");
        Assert.Contains("On the dashboard", first.Text);
        Assert.Equal(first.Html, (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK).Html);

        // What the scheduler writes after a run: only the bot's own columns.
        await using (var db = App.Database.CreateContext())
        {
            await db.Bots.Where(b => b.Id == bot).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastError, "Phemex is under maintenance"), Token);
        }
        var changed = (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK);
        Assert.Null(changed.Response.Headers.Age);
        Assert.Contains("Phemex is under maintenance", changed.Text);

        // A bot created in another browser of the same user.
        await CachedAsync(user, "/dashboard");
        using var otherTab = await App.LoginAsync(user.Email!);
        await otherTab.CreateBotAsync("From the other tab");
        Assert.Contains("From the other tab", (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK).Text);
    }

    private static Task<HtmlPage> CachedAsync(Session user, int bot) => CachedAsync(user, Urls.Bot(bot));

    /// <summary>Views a page until it comes from the cache, and answers that cached view.</summary>
    private static async Task<HtmlPage> CachedAsync(Session user, string url)
    {
        for (var i = 0; i < 3; i++)
        {
            var page = (await user.GetAsync(url)).Is(HttpStatusCode.OK);
            if (page.Response.Headers.Age is not null)
            {
                return page;
            }
        }
        throw new InvalidOperationException($"{url} never came from the cache.");
    }
}

public sealed class PageCacheTestsOnSqlite(SqliteApp app) : PageCacheTests(app), IClassFixture<SqliteApp>;

public sealed class PageCacheTestsOnPostgres(PostgresApp app) : PageCacheTests(app), IClassFixture<PostgresApp>;
