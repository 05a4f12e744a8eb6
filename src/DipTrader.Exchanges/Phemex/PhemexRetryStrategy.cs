using System.Net;
using Polly;
using Polly.Retry;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Automatic retries with exponential backoff and jitter for reads (GET), cancels (DELETE) and leverage changes
/// (PUT), which are idempotent. POST — placing an order — is never retried here: its outcome may be unknown,
/// and only <see cref="PhemexOrderPlacer"/>, which looks the order up first, may send it again.
/// </summary>
internal static class PhemexRetryStrategy
{
    public static void AddTo(ResiliencePipelineBuilder<HttpResponseMessage> builder, PhemexRetryOptions retry)
    {
        if (retry.MaxRetryAttempts == 0)
        {
            return;
        }
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            Name = "phemex-retry",
            MaxRetryAttempts = retry.MaxRetryAttempts,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
            DelayGenerator = static args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result)),
        });
    }

    public static bool IsRetryable(HttpMethod method) => method != HttpMethod.Post;

    private static bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var method = context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method;
        if (method is null || !IsRetryable(method) || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
        return outcome switch
        {
            { Exception: HttpRequestException or TimeoutException } => true,
            { Result: { } response } => IsTransient(response.StatusCode),
            _ => false,
        };
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>Waits as long as a 429 asks; other failures use the exponential backoff.</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage? response)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests, RequestMessage.RequestUri: { } uri })
        {
            return null;
        }
        return PhemexRateLimitHeaders.RetryAfter(response, PhemexRateLimitCost.GroupOf(uri.AbsolutePath));
    }
}
