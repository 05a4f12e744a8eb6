using System.Net;
using System.Text.RegularExpressions;

namespace DipTrader.Deploy.Tests;

/// <summary>The shipped nginx site in front of the app: HTTPS only, HSTS, and the app sees the real scheme, host and client.</summary>
public sealed partial class NginxProxyTests(ProxiedSite site) : IClassFixture<ProxiedSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plain_http_is_redirected_permanently_to_the_same_page_over_https()
    {
        using var client = site.NewClient();

        using var response = await client.GetAsync(new Uri(site.Http, "login?ReturnUrl=%2Fbots"), Token);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri(site.Https, "login?ReturnUrl=%2Fbots"), response.Headers.Location);
    }

    [Fact]
    public async Task The_app_builds_its_login_redirect_with_the_forwarded_scheme_and_host_and_https_carries_one_hsts_header()
    {
        using var client = site.NewClient();

        using var response = await client.GetAsync(new Uri(site.Https, "dashboard"), Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Without X-Forwarded-Proto/-Host this would be http://localhost/login... (nginx talks plain HTTP to the app).
        Assert.Equal($"https://localhost:{site.HttpsPort}/login?ReturnUrl=%2Fdashboard", response.Headers.Location?.ToString());
        Assert.Equal(["max-age=31536000"], response.Headers.GetValues("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Login_over_https_sets_a_secure_session_cookie_and_the_audit_log_records_the_clients_own_address()
    {
        using var client = site.NewClient();
        const string email = "operator@example.com";
        var password = $"Deploy-{Guid.NewGuid():N}";

        // The first account of a fresh install is the admin, who can read the audit log.
        using var register = await PostFormAsync(client, "register", new() { ["Email"] = email, ["Password"] = password, ["Confirmation"] = password });
        Assert.True(register.StatusCode == HttpStatusCode.Redirect, $"register answered {(int)register.StatusCode}{Environment.NewLine}{site.Logs}");

        // A forged X-Forwarded-For from the client must not reach the app as the client's address.
        using var login = await PostFormAsync(client, "login", new() { ["Email"] = email, ["Password"] = password }, forgedForwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/dashboard", login.Headers.Location?.OriginalString);
        var session = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("diptrader.session=", StringComparison.Ordinal));
        var attributes = session.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);

        var audit = await client.GetStringAsync(new Uri(site.Https, "admin/audit"), Token);
        var loginRow = Assert.Single(AuditRows().Matches(audit), m => m.Groups["action"].Value == "login");
        Assert.Equal(ProxiedSite.ClientAddress.ToString(), loginRow.Groups["ip"].Value);
        Assert.DoesNotContain("203.0.113.9", audit, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields, string? forgedForwardedFor = null)
    {
        var uri = new Uri(site.Https, page);
        var form = await client.GetStringAsync(uri, Token);
        var antiforgery = AntiforgeryField().Match(form);
        Assert.True(antiforgery.Success, $"no antiforgery field on /{page}");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups["token"].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) };
        if (forgedForwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forgedForwardedFor);
        }
        return await client.SendAsync(request, Token);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();

    // A row of the admin audit table: time, user, <code>action</code>, target, details, IP.
    [GeneratedRegex("""<tr>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td><code>(?<action>[^<]*)</code></td>.*?<td class="mono">(?<ip>[^<]*)</td>\s*</tr>""", RegexOptions.Singleline)]
    private static partial Regex AuditRows();
}
