using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// The Phemex client's instruments on the <c>DipTrader.Exchanges</c> meter: request durations by endpoint and
/// outcome, errors by kind, and rate-limit waits by group.
/// </summary>
public sealed class PhemexMetrics
{
    public const string MeterName = "DipTrader.Exchanges";
    public const string RequestDurationName = "diptrader.exchange.request.duration";
    public const string ErrorsName = "diptrader.exchange.errors";
    public const string RateLimitWaitsName = "diptrader.exchange.rate_limit.waits";
    public const string RateLimitWaitDurationName = "diptrader.exchange.rate_limit.wait.duration";

    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitWaitDuration;

    public PhemexMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requestDuration = meter.CreateHistogram<double>(RequestDurationName, "s", "Duration of one Phemex call, retries and rate-limit waits included.");
        _errors = meter.CreateCounter<long>(ErrorsName, "{error}", "Failed Phemex calls by error kind.");
        _rateLimitWaits = meter.CreateCounter<long>(RateLimitWaitsName, "{wait}", "Requests held back by a client-side or exchange-imposed rate limit.");
        _rateLimitWaitDuration = meter.CreateHistogram<double>(RateLimitWaitDurationName, "s", "How long requests were held back by rate limits.");
    }

    internal void RecordRequest(string endpoint, HttpMethod method, ExchangeErrorKind? error, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "venue", "phemex" },
            { "endpoint", endpoint },
            { "method", method.Method },
            { "outcome", error?.ToString() ?? "ok" },
        };
        _requestDuration.Record(elapsed.TotalSeconds, tags);
        if (error is { } kind)
        {
            _errors.Add(1, new TagList { { "venue", "phemex" }, { "endpoint", endpoint }, { "kind", kind.ToString() } });
        }
    }

    internal void RecordRateLimitWait(PhemexRateLimitGroup group, TimeSpan waited)
    {
        var tags = new TagList { { "venue", "phemex" }, { "group", group.ToString() } };
        _rateLimitWaits.Add(1, tags);
        _rateLimitWaitDuration.Record(waited.TotalSeconds, tags);
    }
}
