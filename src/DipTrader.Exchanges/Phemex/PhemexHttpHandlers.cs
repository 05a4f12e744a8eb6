using System.Globalization;
using Microsoft.Extensions.Options;

namespace DipTrader.Exchanges.Phemex;

/// <summary>Waits for the request's rate-limit turn, then lets Phemex's answer pause the budget if it says so.</summary>
internal sealed class PhemexRateLimitHandler(PhemexRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var session = PhemexSession.Of(request);
        if (session is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var path = request.RequestUri!.AbsolutePath;
        await limiter.WaitTurnAsync(session, path, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        limiter.Observe(session, path, response);
        return response;
    }
}

/// <summary>
/// Bounds one attempt, response body included, and reports it as a <see cref="TimeoutException"/> so the retry
/// strategy can tell it from the caller's cancellation.
/// </summary>
internal sealed class PhemexAttemptTimeoutHandler(IOptions<PhemexOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
            return response;
        }
        catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"no answer to {request.Method} {request.RequestUri?.AbsolutePath} within {timeout.TotalSeconds:0.###} s"), ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Signs private requests (reference A.2). It sits inside the retry handler, so every attempt carries a fresh
/// expiry and signature over exactly the path, query and body that go on the wire.
/// </summary>
internal sealed class PhemexSigningHandler(IOptions<PhemexOptions> options, TimeProvider time) : DelegatingHandler
{
    public const string AccessTokenHeader = "x-phemex-access-token";
    public const string ExpiryHeader = "x-phemex-request-expiry";
    public const string SignatureHeader = "x-phemex-request-signature";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (PhemexSession.Of(request)?.Credentials is { } credentials)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var expiry = time.GetUtcNow().ToUnixTimeSeconds() + options.Value.ExpirySeconds;
            var uri = request.RequestUri!;
            var query = uri.Query.Length > 0 ? uri.Query[1..] : "";
            var signature = PhemexSigner.Sign(credentials.SecretKeyBytes, uri.AbsolutePath, query, expiry, body);
            var headers = request.Headers;
            headers.Remove(AccessTokenHeader);
            headers.Remove(ExpiryHeader);
            headers.Remove(SignatureHeader);
            headers.TryAddWithoutValidation(AccessTokenHeader, credentials.ApiKey);
            headers.TryAddWithoutValidation(ExpiryHeader, expiry.ToString(CultureInfo.InvariantCulture));
            headers.TryAddWithoutValidation(SignatureHeader, signature);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
