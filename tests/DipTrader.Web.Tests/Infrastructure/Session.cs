using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>
/// One browser: cookies, a client address, and the steps a person takes — open a page, submit its form (with the
/// antiforgery token the page carries), call the API from the page's script (with the X-CSRF-TOKEN header).
/// </summary>
public sealed class Session(HttpClient client, string ip) : IDisposable
{
    private static readonly string[] TokenPages = ["/dashboard", "/login"];

    public HttpClient Client { get; } = client;

    public string Ip { get; } = ip;

    public string? Email { get; set; }

    public int? UserId { get; set; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<HtmlPage> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url, Token);
        return await ReadAsync(response);
    }

    /// <summary>
    /// Submits a form the way a browser does, with the session's antiforgery token: a signed-in user's comes from the
    /// dashboard (every page carries the same token; the dashboard is not rate-limited), a visitor's from the form's page.
    /// </summary>
    public async Task<HtmlPage> PostFormAsync(string url, params (string Name, string Value)[] fields)
    {
        var token = Email is null ? await AntiforgeryTokenAsync(url) : await AntiforgeryTokenAsync();
        return await PostAsync(url, [.. fields, ("__RequestVerificationToken", token)]);
    }

    /// <summary>Submits a form with the antiforgery token <paramref name="page"/> carries, as a browser submits a form of that page.</summary>
    public async Task<HtmlPage> PostFormFromAsync(HtmlPage page, string url, params (string Name, string Value)[] fields) =>
        await PostAsync(url, [.. fields, ("__RequestVerificationToken", page.AntiforgeryToken ?? throw new InvalidOperationException("The page shows no antiforgery token."))]);

    /// <summary>Submits a form without the antiforgery token (what a forged cross-site form would send).</summary>
    public async Task<HtmlPage> PostFormWithoutTokenAsync(string url, params (string Name, string Value)[] fields)
    {
        // Visit a page first, so the antiforgery cookie is there and only the form token is missing.
        _ = Email is null ? await AntiforgeryTokenAsync(url) : await AntiforgeryTokenAsync();
        return await PostAsync(url, fields);
    }

    /// <summary>An antiforgery request token for this session, from <paramref name="page"/> when it shows one.</summary>
    public async Task<string> AntiforgeryTokenAsync(string? page = null)
    {
        foreach (var url in page is null ? TokenPages : [page.Split('?')[0], .. TokenPages])
        {
            var answer = await GetAsync(url);
            if (answer.Status == HttpStatusCode.OK && answer.AntiforgeryToken is { } token)
            {
                return token;
            }
        }
        throw new InvalidOperationException("No page of this session shows an antiforgery token.");
    }

    public async Task<HtmlPage> LogInAsync(string email, string password) =>
        await PostFormAsync("/login", ("Email", email), ("Password", password));

    /// <summary>Creates a bot through the /bots/new form and answers its id.</summary>
    public async Task<int> CreateBotAsync(string name, string exchange = "paper", string? apiKey = null, string? apiSecret = null, int runEveryMinutes = 5)
    {
        var answer = await PostFormAsync("/bots/new",
            ("Name", name), ("Exchange", exchange), ("RunEveryMinutes", runEveryMinutes.ToString(CultureInfo.InvariantCulture)),
            ("ApiKey", apiKey ?? string.Empty), ("ApiSecret", apiSecret ?? string.Empty));
        if (answer.Status != HttpStatusCode.Redirect || answer.Location?.StartsWith("/bots/", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"The bot was not created: {answer}");
        }
        return int.Parse(answer.Location["/bots/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a pair through the pair form (every strategy setting left at its default) and answers its id.</summary>
    public async Task<int> AddPairAsync(int botId, string symbol = "BTCUSDT", string side = "Long", int leverage = 10)
    {
        var answer = await PostFormAsync(Urls.Bot(botId, "pairs/new"), PairForm(symbol, side, leverage));
        if (answer.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The pair was not added: {answer}");
        }
        var pairs = await ApiAsync(HttpMethod.Get, Urls.Api(botId, "pairs"));
        return pairs.Json!.AsArray().Single(p => (string?)p!["symbol"] == symbol && (string?)p["side"] == side)!["id"]!.GetValue<int>();
    }

    /// <summary>Creates a personal API token on /account and reads it from the page that shows it once.</summary>
    public async Task<string> CreateApiTokenAsync(string name)
    {
        var created = await PostFormAsync("/account?handler=CreateToken", ("TokenName", name));
        if (created.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The token was not created: {created}");
        }
        var page = await GetAsync("/account");
        return System.Text.RegularExpressions.Regex.Match(page.Html, "value=\"(dt_[A-Za-z0-9_-]{43})\"").Groups[1] is { Success: true } token
            ? token.Value
            : throw new InvalidOperationException($"The account page shows no new token: {page}");
    }

    /// <summary>The pair form's fields; extra fields (such as strategy settings) are added after.</summary>
    public static (string, string)[] PairForm(string symbol, string side = "Long", int leverage = 10, string emaInterval = "5", params (string, string)[] extra) =>
    [
        ("Form.Symbol", symbol), ("Form.Side", side), ("Form.Leverage", leverage.ToString(CultureInfo.InvariantCulture)),
        ("Form.EmaInterval", emaInterval), ("Form.AutomaticMode", "true"), ("Form.IsActive", "true"), .. extra,
    ];

    /// <summary>
    /// Calls the JSON API as the app's own pages do: with the session cookie, and for changes the antiforgery token
    /// in X-CSRF-TOKEN (unless <paramref name="csrf"/> is false).
    /// </summary>
    public async Task<ApiAnswer> ApiAsync(HttpMethod method, string url, object? body = null, bool csrf = true)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }
        if (csrf && method != HttpMethod.Get)
        {
            request.Headers.Add("X-CSRF-TOKEN", await AntiforgeryTokenAsync());
        }
        using var response = await Client.SendAsync(request, Token);
        return await ApiAnswer.ReadAsync(response);
    }

    private async Task<HtmlPage> PostAsync(string url, IEnumerable<(string Name, string Value)> fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await Client.PostAsync(url, content, Token);
        return await ReadAsync(response);
    }

    private static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync(Token));

    public void Dispose() => Client.Dispose();
}

/// <summary>An API answer: status, body text and its JSON (null when the body is not JSON).</summary>
public sealed class ApiAnswer(HttpResponseMessage response, string body)
{
    public HttpStatusCode Status => Response.StatusCode;

    public HttpResponseMessage Response { get; } = response;

    public string Body { get; } = body;

    public string? ContentType => Response.Content.Headers.ContentType?.MediaType;

    public JsonNode? Json { get; } = Parse(body);

    /// <summary>The ProblemDetails <c>errors</c> object, field names compared without case.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Json?["errors"] is JsonObject errors
            ? errors.ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => (string)m!).ToArray(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public static async Task<ApiAnswer> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    private static JsonNode? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{(int)Status} {Body[..Math.Min(Body.Length, 2000)]}";
}

/// <summary>The app's URLs.</summary>
public static class Urls
{
    public static string Bot(int id, string? rest = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/bots/{id}") + (rest is null ? string.Empty : "/" + rest);

    public static string Pair(int botId, int pairId, string action) =>
        string.Create(CultureInfo.InvariantCulture, $"/bots/{botId}/pairs/{pairId}/{action}");

    public static string Run(int botId, long metricId) =>
        string.Create(CultureInfo.InvariantCulture, $"/bots/{botId}/runs/{metricId}");

    public static string Api(int botId, string? rest = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/bots/{botId}") + (rest is null ? string.Empty : "/" + rest);

    public static string ApiPair(int botId, int pairId) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/bots/{botId}/pairs/{pairId}");
}
