using System.Diagnostics.Metrics;
using DipTrader.Bots.Running;
using DipTrader.Exchanges.Phemex;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace DipTrader.Bots.Observability;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The meters a DipTrader process exports: its own, ASP.NET Core's request durations, Npgsql's pool, the runtime.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        BotMetrics.MeterName,          // bot runs, decisions, orders, scheduler lag and heartbeat
        PhemexMetrics.MeterName,       // exchange request latency, errors by endpoint and kind, rate-limit waits
        "Microsoft.AspNetCore.Hosting", // http.server.request.duration by route
        "Npgsql",                      // db.client.connections.* (pool use) and command durations
        "System.Runtime",              // GC, memory, thread pool
    ];

    // Seconds from a millisecond to a minute: bot runs, exchange calls and scheduler lag all fall in this range,
    // and the SDK's default buckets (0–10000) are meant for milliseconds.
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>
    /// OpenTelemetry metrics in Prometheus' text format: the web app maps the scrape endpoint behind an admin check,
    /// <c>diptrader worker</c> serves it on a loopback port (<see cref="MetricsListener"/>).
    /// </summary>
    public static IServiceCollection AddDipTraderMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter([.. Meters]);
            metrics.AddView(instrument => instrument is Histogram<double> && instrument.Unit == "s"
                ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                : null);
            metrics.AddPrometheusExporter();
        });
        return services;
    }
}
