using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DipTrader.Cli.Tests.Operations;

/// <summary>One visitor of a <see cref="WebProcess"/> over real HTTP: cookies, the login form with its antiforgery token, pages and the JSON API.</summary>
internal sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies = new();

    public WebSession(Uri baseUrl)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fills in and submits the login form; returns the status, the redirect target and the page shown.</summary>
    public async Task<(HttpStatusCode Status, string? Location, string Body)> LogInAsync(string email, string password)
    {
        var form = await PageAsync("/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups["token"].Value,
        });
        using var response = await _client.PostAsync("/login", content, Token);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Submits the form of page <paramref name="path"/> (with the antiforgery token it shows) to <paramref name="action"/>, or to the page itself.</summary>
    public async Task<(HttpStatusCode Status, string? Location, string Body)> PostFormAsync(string path, string? action, params (string Name, string Value)[] fields)
    {
        var form = await PageAsync(path);
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", AntiforgeryToken().Match(form).Groups["token"].Value)));
        using var response = await _client.PostAsync(action ?? path, content, Token);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>The values of every cookie the app set (session, antiforgery), to look for where they must not be.</summary>
    public IReadOnlyList<(string Name, string Value)> Cookies => [.. _cookies.GetAllCookies().Select(c => (c.Name, c.Value))];

    /// <summary>A page's HTML; fails the test unless it answers 200.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await _client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<JsonElement> JsonAsync(string path) => JsonDocument.Parse(await PageAsync(path)).RootElement;

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
