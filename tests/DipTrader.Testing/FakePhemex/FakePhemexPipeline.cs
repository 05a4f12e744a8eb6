using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DipTrader.Testing.FakePhemex;

/// <summary>
/// Every request's way through the fake: log it, inject a fault, check the IP budget, find the endpoint, check
/// key, expiry and signature, spend the key's budget, answer in the envelope the path calls for.
/// </summary>
internal sealed class FakePhemexPipeline(FakeExchange exchange)
{
    private delegate FakeReply Endpoint(FakeExchange exchange, FakeCall call);

    private static readonly Dictionary<string, (Endpoint Handle, bool Signed)> Routes = new(StringComparer.Ordinal)
    {
        ["GET /md/v3/ticker/24hr"] = (FakeMarketEndpoints.Ticker, false),
        ["GET /public/products"] = (FakeMarketEndpoints.Products, false),
        ["GET /exchange/public/md/v2/kline/last"] = (FakeMarketEndpoints.Klines, false),
        ["GET /g-accounts/positions"] = (FakeTradingEndpoints.Positions, true),
        ["POST /g-orders"] = (FakeTradingEndpoints.PlaceOrder, true),
        ["DELETE /g-orders/all"] = (FakeTradingEndpoints.CancelAll, true),
        ["DELETE /g-orders/cancel"] = (FakeTradingEndpoints.CancelOrder, true),
        ["GET /g-orders/activeList"] = (FakeTradingEndpoints.ActiveOrders, true),
        ["PUT /g-positions/leverage"] = (FakeTradingEndpoints.SetLeverage, true),
        ["GET /api-data/g-futures/orders/by-order-id"] = (FakeTradingEndpoints.OrderHistoryById, true),
    };

    private readonly CancellationTokenSource _stopping = new();

    public FakePhemexFaults Faults { get; } = new();

    public FakeRequestLog Log { get; } = new();

    public void Stop() => _stopping.Cancel();

    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? "" : target[(question + 1)..];
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var request = new FakeRequest(exchange.Now, context.Request.Method, path, query, Encoding.UTF8.GetString(body),
            headers["x-phemex-access-token"].FirstOrDefault(), headers["x-phemex-request-expiry"].FirstOrDefault(), headers["x-phemex-request-signature"].FirstOrDefault());
        Log.Add(request);

        var fault = Faults.Take(request.Method, path, request.ApiKey);
        request.Fault = fault?.Kind;
        if (fault is { Kind: FakeFaultKind.Slow })
        {
            await Task.Delay(fault.Delay, _stopping.Token);
            fault = null;
        }
        if (fault is { ActsAfterProcessing: false })
        {
            await FailAsync(context, request, fault, path);
            return;
        }
        FakeReply reply;
        FakeRateLimiter.Verdict? verdict;
        lock (exchange.Sync)
        {
            (reply, verdict) = Process(request, body, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        }
        if (fault is not null)
        {
            await FailAsync(context, request, fault, path);
            return;
        }
        if (verdict is { } v)
        {
            WriteRateLimitHeaders(context.Response, v);
        }
        await WriteAsync(context, request, reply, path);
    }

    private (FakeReply Reply, FakeRateLimiter.Verdict? Verdict) Process(FakeRequest request, byte[] body, string ip)
    {
        var now = exchange.Now;
        if (!exchange.Limiter.SpendForIp(ip, now).Allowed)
        {
            return (TooManyRequests(), null);
        }
        if (!Routes.TryGetValue($"{request.Method} {request.Path}", out var route))
        {
            return (FakeReply.Error(404, $"No such endpoint: {request.Method} {request.Path}", status: 404), null);
        }
        FakeAccount? account = null;
        if (route.Signed || request.ApiKey is not null)
        {
            var refusal = Authenticate(request, body, now, out account);
            if (refusal is not null)
            {
                return (refusal, null);
            }
        }
        FakeRateLimiter.Verdict? verdict = null;
        if (account is not null)
        {
            verdict = exchange.Limiter.SpendForKey(account.ApiKey, request.Path, now);
            if (!verdict.Value.Allowed)
            {
                return (TooManyRequests(), verdict);
            }
        }
        return (route.Handle(exchange, new FakeCall(request.Method, request.Path, request.Query, body, account)), verdict);
    }

    /// <summary>Phemex's auth failures: unknown key and bad signature as code 10500, an expired request as HTTP 401.</summary>
    private FakeReply? Authenticate(FakeRequest request, byte[] body, DateTimeOffset now, out FakeAccount? account)
    {
        account = null;
        if (request.ApiKey is null || request.Expiry is null || request.Signature is null)
        {
            return FakeReply.Error(10500, "Missing required header x-phemex-access-token, x-phemex-request-expiry or x-phemex-request-signature", status: 401);
        }
        if (!exchange.Accounts.TryGetValue(request.ApiKey, out account))
        {
            return new FakeReply(200, 10500, $"Api key not found {request.ApiKey}", null, CodeAsText: true);
        }
        if (!long.TryParse(request.Expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || expiry < now.ToUnixTimeSeconds())
        {
            return FakeReply.Error(10500, $"Request Expired at {request.Expiry}", status: 401);
        }
        return FakeSignature.IsValid(account.ApiSecret, request.Path, request.Query, request.Expiry, body, request.Signature)
            ? null
            : FakeReply.Error(10500, "API Signature verification failed.");
    }

    private static FakeReply TooManyRequests() => FakeReply.Error(39995, "Too many requests.", status: 429);

    private static void WriteRateLimitHeaders(HttpResponse response, FakeRateLimiter.Verdict verdict)
    {
        response.Headers["x-ratelimit-capacity" + verdict.HeaderSuffix] = verdict.Capacity.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining" + verdict.HeaderSuffix] = verdict.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-retry-after" + verdict.HeaderSuffix] = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private async Task FailAsync(HttpContext context, FakeRequest request, FakeFault fault, string path)
    {
        switch (fault.Kind)
        {
            case FakeFaultKind.Hang or FakeFaultKind.AcceptThenHang:
                await HangAsync(context);
                return;
            case FakeFaultKind.MalformedJson:
                await WriteRawAsync(context, request, 200, "application/json", "{\"code\":0,\"msg\":\"\",\"data\":{\"orderID\":");
                return;
            case FakeFaultKind.BusinessError:
                await WriteAsync(context, request, FakeReply.Error(fault.Code, fault.Message), path);
                return;
            case FakeFaultKind.RateLimited:
                var seconds = (fault.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds;
                var suffix = FakeRateLimiter.IsContract(path) ? "-contract" : "";
                context.Response.Headers["x-ratelimit-remaining" + suffix] = "0";
                context.Response.Headers["x-ratelimit-retry-after" + suffix] = seconds.ToString("0.###", CultureInfo.InvariantCulture);
                await WriteAsync(context, request, TooManyRequests(), path);
                return;
            default:
                // Gateways answer 5xx with HTML, not with Phemex's JSON.
                await WriteRawAsync(context, request, fault.HttpStatus, "text/html", $"<html><body><h1>{fault.HttpStatus} Server Error</h1></body></html>");
                return;
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(exchange.Options.HangDuration, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (or the server stops): that is the point of the fault.
        }
        context.Abort();
    }

    private static async Task WriteAsync(HttpContext context, FakeRequest request, FakeReply reply, string path)
    {
        object? envelope = reply switch
        {
            { Bare: true } => reply.Data,
            _ when path.StartsWith("/md", StringComparison.Ordinal) => reply.Code == 0
                ? new Dictionary<string, object?> { ["error"] = null, ["id"] = 0, ["result"] = reply.Data }
                : new Dictionary<string, object?> { ["error"] = new Dictionary<string, object?> { ["code"] = reply.Code, ["message"] = reply.Message }, ["id"] = null, ["result"] = null },
            _ => new Dictionary<string, object?>
            {
                ["code"] = reply.CodeAsText ? reply.Code.ToString(CultureInfo.InvariantCulture) : reply.Code,
                ["msg"] = reply.Message,
                ["data"] = reply.Data,
            },
        };
        await WriteRawAsync(context, request, reply.Status, "application/json", JsonSerializer.Serialize(envelope));
    }

    private static async Task WriteRawAsync(HttpContext context, FakeRequest request, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        request.Status = status;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
