using System.Globalization;
using System.Net;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// A personal API token opens the JSON API and <c>/metrics</c> and nothing else: pages sign in with the session
/// cookie only, so the admin's token that Prometheus holds is an anonymous visitor on <c>/admin</c> and <c>/account</c>.
/// </summary>
public abstract class ApiTokenScopeTests(WebAppFixture fixture)
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task An_admins_api_token_opens_the_api_and_metrics_but_no_page_and_posts_no_form()
    {
        var token = await fixture.Admin.CreateApiTokenAsync("prometheus");
        using var user = await App.SignedInUserAsync();
        using (var script = App.ApiClientWithToken(token))
        {
            (await ApiAnswer.SendAsync(script, HttpMethod.Get, "/api/bots")).Is(HttpStatusCode.OK);
            (await ApiAnswer.SendAsync(script, HttpMethod.Get, "/metrics")).Is(HttpStatusCode.OK);
        }

        // A browser-like client that sends the token on every request and keeps the cookies it is given, as someone
        // holding the token would use it against the pages.
        using var holder = App.NewSession();
        holder.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        foreach (var page in new[] { "/admin", "/admin/users", "/admin/audit", "/account", "/dashboard", "/bots/new" })
        {
            (await holder.GetAsync(page)).RedirectsTo("/login");
        }
        // It is not signed in anywhere a page could tell: the login page shows its form instead of sending it on.
        (await holder.GetAsync("/login")).Is(HttpStatusCode.OK);

        var userId = user.UserId!.Value.ToString(CultureInfo.InvariantCulture);
        (await holder.PostFormAsync("/admin/users?handler=MakeAdmin", ("userId", userId))).RedirectsTo("/login");
        (await holder.PostFormAsync("/admin?handler=Registration", ("enabled", "false"))).RedirectsTo("/login");
        (await holder.PostFormAsync("/account?handler=CreateToken", ("TokenName", "minted by the token"))).RedirectsTo("/login");

        await using var db = App.Database.CreateContext();
        var ct = TestContext.Current.CancellationToken;
        Assert.False(await db.Users.Where(u => u.Id == user.UserId).Select(u => u.IsAdmin).SingleAsync(ct));
        Assert.False(await db.ApiTokens.AnyAsync(t => t.Name == "minted by the token", ct));
        Assert.Contains("Create an account", (await App.NewSession().GetAsync("/register")).Text);
    }

    [Fact]
    public async Task A_session_cookie_still_opens_the_pages_when_a_token_rides_along()
    {
        var token = await fixture.Admin.CreateApiTokenAsync("ride-along");
        using var user = await App.SignedInUserAsync();
        user.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // The page is the cookie's user's, never the token's (an admin's here).
        var dashboard = (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK);
        Assert.Contains(user.Email!, dashboard.Text);
        (await user.GetAsync("/admin/users")).Is(HttpStatusCode.Forbidden);
    }
}

public sealed class ApiTokenScopeTestsOnSqlite(SqliteApp app) : ApiTokenScopeTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenScopeTestsOnPostgres(PostgresApp app) : ApiTokenScopeTests(app), IClassFixture<PostgresApp>;
