using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>
/// The fake itself, spoken to with a bare HttpClient and hand-made signatures, so its Phemex behaviour does not
/// depend on the client it is meant to test. Later end-to-end tests rely on these behaviours.
/// </summary>
public sealed class FakePhemexServerTests : IAsyncLifetime
{
    private const string Key = "fake-test-key";
    private const string Secret = "c2VjcmV0LWZvci1kb2NzLW9ubHktbm90LXJlYWw";

    private readonly HttpClient _http = new();
    private FakePhemexServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakePhemexServer.StartAsync(new FakePhemexOptions { ContractCapacity = 30, RateLimitWindow = TimeSpan.FromSeconds(10) }, Ct);
        _server.AddAccount(Key, Secret, balance: 1_000m);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Listens_on_loopback()
    {
        Assert.Equal("127.0.0.1", _server.BaseUrl.Host);
        Assert.NotEqual(0, _server.BaseUrl.Port);
        Assert.Equal(200, (int)(await SendAsync(HttpMethod.Get, "/public/products", "", null, signWith: null)).Status);
    }

    [Fact]
    public async Task Accepts_signatures_made_with_the_raw_or_the_base64url_decoded_secret()
    {
        const string path = "/api-data/g-futures/orders/by-order-id";
        var raw = await SendAsync(HttpMethod.Get, path, "symbol=BTCUSDT", null, Encoding.UTF8.GetBytes(Secret));
        var decoded = await SendAsync(HttpMethod.Get, path, "symbol=BTCUSDT", null, Encoding.UTF8.GetBytes("secret-for-docs-only-not-real"));
        var wrong = await SendAsync(HttpMethod.Get, path, "symbol=BTCUSDT", null, "nope"u8.ToArray());

        Assert.Equal("0", Code(raw.Json));
        Assert.Equal("0", Code(decoded.Json));
        Assert.Equal(("10500", "API Signature verification failed."), (Code(wrong.Json), wrong.Json.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Rejects_unknown_keys_with_a_string_code_and_past_expiry_with_401()
    {
        var unknown = await SendAsync(HttpMethod.Get, "/g-accounts/positions", "currency=USDT", null, Encoding.UTF8.GetBytes(Secret), key: "who");
        var expired = await SendAsync(HttpMethod.Get, "/g-accounts/positions", "currency=USDT", null, Encoding.UTF8.GetBytes(Secret), expiry: DateTimeOffset.UtcNow.AddSeconds(-5));

        Assert.Equal(JsonValueKind.String, unknown.Json.GetProperty("code").ValueKind);
        Assert.Equal("10500", Code(unknown.Json));
        Assert.Equal(401, expired.Status);
    }

    [Fact]
    public async Task Md_paths_answer_in_the_error_id_result_envelope()
    {
        var ok = await SendAsync(HttpMethod.Get, "/md/v3/ticker/24hr", "symbol=BTCUSDT", null, signWith: null);
        var bad = await SendAsync(HttpMethod.Get, "/md/v3/ticker/24hr", "symbol=NOPE", null, signWith: null);

        Assert.Equal("60000", ok.Json.GetProperty("result").GetProperty("bidRp").GetString());
        Assert.Equal(JsonValueKind.Null, ok.Json.GetProperty("error").ValueKind);
        Assert.Equal(6001, bad.Json.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("symbol=BTCUSDT&resolution=60&limit=400", 30000)]
    [InlineData("symbol=BTCUSDT&resolution=120&limit=100", 30000)]
    [InlineData("symbol=BTCUSDT&limit=100", 412)]
    public async Task Refuses_kline_resolutions_and_limits_phemex_does_not_allow(string query, int code)
    {
        var answer = await SendAsync(HttpMethod.Get, "/exchange/public/md/v2/kline/last", query, null, signWith: null);

        Assert.Equal(code, answer.Json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Leverage_in_one_way_form_is_refused_with_20004()
    {
        var answer = await SendAsync(HttpMethod.Put, "/g-positions/leverage", "symbol=BTCUSDT&leverageRr=5", null, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(20004, answer.Json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Enforces_the_key_budget_with_429_and_retry_after()
    {
        await SendAsync(HttpMethod.Get, "/g-accounts/positions", "currency=USDT", null, Encoding.UTF8.GetBytes(Secret));
        var limited = await SendAsync(HttpMethod.Get, "/g-accounts/positions", "currency=USDT", null, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(429, limited.Status);
        Assert.Equal(39995, limited.Json.GetProperty("code").GetInt32());
        Assert.InRange(int.Parse(limited.Headers["x-ratelimit-retry-after-contract"], CultureInfo.InvariantCulture), 1, 10);
        Assert.Equal("5", limited.Headers["x-ratelimit-remaining-contract"]);
    }

    [Fact]
    public async Task Records_requests_with_method_path_query_body_and_headers()
    {
        var body = """{"symbol":"BTCUSDT","clOrdID":"rec","side":"Buy","orderQtyRq":"0.001","priceRp":"50000","ordType":"Limit","timeInForce":"PostOnly","posSide":"Long","reduceOnly":false}""";

        await SendAsync(HttpMethod.Post, "/g-orders", "", body, Encoding.UTF8.GetBytes(Secret));

        var request = Assert.Single(_server.Requests.All);
        Assert.Equal(("POST", "/g-orders", "", body, Key, 200), (request.Method, request.Path, request.Query, request.Body, request.ApiKey, request.Status));
        Assert.NotNull(request.Signature);
    }

    [Fact]
    public void Price_path_fills_resting_orders_it_moves_through_and_books_pnl_on_close()
    {
        var account = _server.Account(Key);
        _server.Options.MakerFeeRate = 0.0001m;
        Place(account, "open", OrderSide.Buy, 100m, "PostOnly");
        _server.ApplyPricePath("SOLUSDT", 120m, 101m, 100m);
        Place(account, "close", OrderSide.Sell, 110m, "GoodTillCancel");
        _server.FillRestingOrders("SOLUSDT", 110m);

        Assert.Equal(["Filled", "Filled"], account.Orders.Select(o => o.Status));
        Assert.Equal(0m, account.Position("SOLUSDT", PositionSide.Long)!.Size);
        // Bought 1 @ 100, sold 1 @ 110: +10 less maker fees of 0.01 and 0.011.
        Assert.Equal(1_000m + 10m - 0.021m, account.Balance);
    }

    [Fact]
    public async Task Fault_for_a_path_leaves_other_requests_alone()
    {
        _server.Faults.Next(FakeFault.ServerError(), path: "/g-orders");

        var other = await SendAsync(HttpMethod.Get, "/public/products", "", null, signWith: null);

        Assert.Equal(200, other.Status);
        Assert.Equal(1, _server.Faults.Pending);
    }

    private void Place(FakeAccount account, string id, OrderSide side, decimal price, string timeInForce)
    {
        _server.SetQuote("SOLUSDT", 105m, 105.1m);
        var body = $$"""{"symbol":"SOLUSDT","clOrdID":"{{id}}","side":"{{side}}","orderQtyRq":"1","priceRp":"{{price}}","timeInForce":"{{timeInForce}}","posSide":"Long","reduceOnly":{{(side == OrderSide.Sell ? "true" : "false")}}}""";
        var answer = SendAsync(HttpMethod.Post, "/g-orders", "", body, Encoding.UTF8.GetBytes(Secret)).GetAwaiter().GetResult();
        Assert.Equal("0", Code(answer.Json));
        Assert.True(account.Order(id)!.IsResting);
    }

    private async Task<(int Status, JsonElement Json, Dictionary<string, string> Headers)> SendAsync(
        HttpMethod method, string path, string query, string? body, byte[]? signWith, string key = Key, DateTimeOffset? expiry = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.BaseUrl, query.Length == 0 ? path : path + "?" + query));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (signWith is not null)
        {
            var expires = (expiry ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signWith, Encoding.UTF8.GetBytes(path + query + expires + body)));
            request.Headers.Add("x-phemex-access-token", key);
            request.Headers.Add("x-phemex-request-expiry", expires);
            request.Headers.Add("x-phemex-request-signature", signature);
        }
        using var response = await _http.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.First());
        return ((int)response.StatusCode, document.RootElement.Clone(), headers);
    }

    private static string? Code(JsonElement json) => json.GetProperty("code").ValueKind == JsonValueKind.String
        ? json.GetProperty("code").GetString()
        : json.GetProperty("code").GetRawText();
}
