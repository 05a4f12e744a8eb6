using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace DipTrader.Exchanges.Phemex;

/// <summary>One Phemex REST call: the method, path, query and body exactly as they are sent and signed.</summary>
internal sealed record PhemexCall(HttpMethod Method, string Path, string Query = "", byte[]? Body = null);

/// <summary>
/// Sends Phemex calls through the named <see cref="HttpClient"/> (retries, rate limits, timeouts and signing
/// live in its handlers), reads the envelope and hands the payload to a parser. Every failure comes out as an
/// <see cref="ExchangeException"/>, never as a raw HTTP or JSON exception.
/// </summary>
internal sealed class PhemexRestClient(IHttpClientFactory httpClients, PhemexMetrics metrics, TimeProvider time, ILogger<PhemexRestClient> logger)
{
    public const string HttpClientName = "DipTrader.Phemex";

    public async ValueTask<T> SendAsync<T>(PhemexSession session, PhemexCall call, Func<JsonElement, T> readPayload, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var result = await SendCoreAsync(session, call, readPayload, cancellationToken);
            metrics.RecordRequest(call.Path, call.Method, null, time.GetElapsedTime(started));
            return result;
        }
        catch (ExchangeException ex)
        {
            metrics.RecordRequest(call.Path, call.Method, ex.Error.Kind, time.GetElapsedTime(started));
            PhemexLog.RequestFailed(logger, call.Method.Method, call.Path, session.Identity, ex.Error);
            throw;
        }
    }

    private async ValueTask<T> SendCoreAsync<T>(PhemexSession session, PhemexCall call, Func<JsonElement, T> readPayload, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(session, call);
        using var response = await SendHttpAsync(request, call, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = PhemexResponseReader.TryParse(body);
        var retryAfter = PhemexRateLimitHeaders.RetryAfter(response, PhemexRateLimitCost.GroupOf(call.Path));
        var payload = PhemexResponseReader.ReadPayload(call.Path, (int)response.StatusCode, document, body, retryAfter, session.Redact);
        try
        {
            return readPayload(payload);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException or ArgumentException)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
                $"Phemex answered {call.Path} with data this client cannot read: {ex.Message}", HttpStatus: (int)response.StatusCode), ex);
        }
    }

    private async Task<HttpResponseMessage> SendHttpAsync(HttpRequestMessage request, PhemexCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TimeoutRejectedException or OperationCanceledException)
        {
            var what = ex is HttpRequestException ? "could not be reached or dropped the connection" : "did not answer in time";
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
                $"Phemex {what} for {call.Method} {call.Path}: {ex.Message}"), ex);
        }
    }

    private static HttpRequestMessage CreateRequest(PhemexSession session, PhemexCall call)
    {
        var target = call.Query.Length == 0 ? call.Path : string.Concat(call.Path, "?", call.Query);
        var request = new HttpRequestMessage(call.Method, new Uri(session.BaseUrl, target));
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        session.AttachTo(request);
        return request;
    }
}
