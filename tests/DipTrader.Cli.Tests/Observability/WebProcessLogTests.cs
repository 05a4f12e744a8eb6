using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DipTrader.Cli.Tests.Operations;
using DipTrader.Data.Security;
using DipTrader.Testing.FakePhemex;
using DipTrader.Testing.FakeTelegram;

namespace DipTrader.Cli.Tests.Observability;

/// <summary>
/// The web app as a process with <c>LOG_FORMAT=json</c> and every log level at Trace, used the way people use it:
/// register, log in, create an API token and call the API with it, save a Telegram bot, create a Phemex bot with its
/// keys, add a pair, start it and let the scheduler run it. Every line is JSON, request lines carry the request id and
/// the user id, run lines the bot id; and no password, key, secret, token, cookie or server key is in the logs.
/// </summary>
public sealed partial class WebProcessLogTests : IDisposable
{
    private const string Email = "observer@example.com";
    private const string Password = "Lantern-Harbour-Observed-58";
    private const string Key = "9e8d7c6b-web-observed-key-000001";
    private const string Secret = "d2ViLW9ic2VydmVkLXNlY3JldC1mb3ItdGVzdHMtb25seQ";
    private const string TelegramToken = "424242424:AAweb-telegram-token-for-tests-only";

    private readonly string _root = Directory.CreateTempSubdirectory("diptrader-observed-web").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_web_app_logs_json_with_request_user_and_bot_scopes_and_never_a_secret_even_at_trace()
    {
        await using var phemex = await FakePhemexServer.StartAsync(cancellationToken: Token);
        await using var telegram = await FakeTelegramServer.StartAsync();
        phemex.AddAccount(Key, Secret, 10_000m);
        LogScan.SetOpeningMarket(phemex, "BTCUSDT");
        var secretKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var encryptionKey = SecretBox.GenerateKey();
        var environment = new Dictionary<string, string>(LogScan.Everything)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // cookies over plain http on loopback
            ["LOG_FORMAT"] = "json",
            ["DATABASE_URL"] = Path.Combine(_root, "data", "diptrader.db"),
            ["DATA_DIR"] = Path.Combine(_root, "data"),
            ["SECRET_KEY"] = secretKey,
            ["ENCRYPTION_KEY"] = encryptionKey,
            ["MIGRATE_ON_START"] = "true",
            ["SCHEDULER_ENABLED"] = "true",
            ["MARKET_DATA"] = "phemex",
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["TELEGRAM_API_URL"] = telegram.BaseUrl.ToString(),
            ["Scheduler__MinuteLength"] = "00:00:01",
            ["Scheduler__FirstRunDelay"] = "00:00:00.2",
            ["Scheduler__ReconcileInterval"] = "00:00:00.5",
        };
        using var app = await WebProcess.StartAsync(_root, environment, Token);
        using var browser = new WebSession(app.BaseUrl);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/register", null, ("Email", Email), ("Password", Password), ("Confirmation", Password))).Status);
        Assert.Equal("/dashboard", (await browser.LogInAsync(Email, Password)).Location);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account", "/account?handler=CreateToken", ("TokenName", "monitoring"))).Status);
        var apiToken = ApiTokenField().Match(await browser.PageAsync("/account")).Groups[1].Value;
        Assert.StartsWith("dt_", apiToken, StringComparison.Ordinal);
        var telegramSaved = await browser.PostFormAsync("/account/telegram", "/account/telegram?handler=Save", ("BotToken", TelegramToken), ("ChatId", "-1001234"), ("Enabled", "true"));
        Assert.True(telegramSaved.Status == HttpStatusCode.Redirect, $"telegram: {telegramSaved.Status} {telegramSaved.Body}");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/telegram", "/account/telegram?handler=Test")).Status);
        var created = await browser.PostFormAsync("/bots/new", null, ("Name", "Observed web bot"), ("Exchange", "phemex"), ("RunEveryMinutes", "1"), ("ApiKey", Key), ("ApiSecret", Secret));
        Assert.True(created.Status == HttpStatusCode.Redirect, $"bot: {created.Status} {created.Body}");
        var bot = int.Parse(created.Location!["/bots/".Length..], CultureInfo.InvariantCulture);
        var pair = await browser.PostFormAsync($"/bots/{bot}/pairs/new", null,
            ("Form.Symbol", "BTCUSDT"), ("Form.Side", "Long"), ("Form.Leverage", "10"), ("Form.EmaInterval", "1"), ("Form.AutomaticMode", "true"), ("Form.IsActive", "true"));
        Assert.True(pair.Status == HttpStatusCode.Redirect, $"pair: {pair.Status} {pair.Body}");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/bots/{bot}", $"/bots/{bot}/start")).Status);

        using var api = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        await LogScan.WaitUntilAsync(async () =>
        {
            using var runs = await api.GetAsync(new Uri($"/api/bots/{bot}/runs", UriKind.Relative), Token);
            return runs.IsSuccessStatusCode && JsonDocument.Parse(await runs.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("items").GetArrayLength() >= 2;
        }, TimeSpan.FromSeconds(180), () => app.Output[^Math.Min(app.Output.Length, 4000)..]);
        using (var metrics = await api.GetAsync(new Uri("/metrics", UriKind.Relative), Token))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }
        Assert.Contains(telegram.Messages, m => m.BotToken == TelegramToken);
        var cookies = browser.Cookies;
        Assert.Contains(cookies, c => c.Name == "diptrader.session");
        app.Dispose();

        var lines = LogScan.JsonLines(app.Output);
        Assert.Contains(lines, l => l.GetProperty("LogLevel").GetString() == "Trace");
        var scopes = lines.Select(LogScan.Scopes).ToList();
        // Request lines: ASP.NET Core's request id and path, and once signed in the user id (the first user is 1).
        foreach (var path in new[] { "/account", $"/api/bots/{bot}/runs" })
        {
            Assert.True(scopes.Any(s => s.ContainsKey("RequestId") && s.GetValueOrDefault("RequestPath") == path && s.GetValueOrDefault("UserId") == "1"),
                $"no line of {path} with its request id and user id; its lines' scopes: "
                + string.Join(" | ", scopes.Where(s => s.GetValueOrDefault("RequestPath") == path).Take(5).Select(s => string.Join(",", s.Select(p => $"{p.Key}={p.Value}")))));
        }
        // Run lines: the bot id and the pair.
        Assert.Contains(scopes, s => s.GetValueOrDefault("BotId") == bot.ToString(CultureInfo.InvariantCulture) && s.GetValueOrDefault("Symbol") == "BTCUSDT");

        LogScan.AssertNoSecrets(app.Output,
            [
                ("password", Password), ("API key", Key), ("API secret", Secret), ("Telegram bot token", TelegramToken),
                ("ENCRYPTION_KEY", encryptionKey), ("SECRET_KEY", secretKey), ("API token", apiToken),
                .. cookies.Where(c => c.Value.Length >= 8).Select(c => ("cookie " + c.Name, c.Value)),
            ]);
    }

    [GeneratedRegex("value=\"(dt_[A-Za-z0-9_-]{43})\"")]
    private static partial Regex ApiTokenField();
}
