using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace DipTrader.Bots.Observability;

/// <summary>
/// <c>GET /metrics</c> of a process without a web app (<c>diptrader worker</c>) on <c>127.0.0.1:METRICS_PORT</c>:
/// loopback only, so the scrape needs no credentials and nothing outside the machine reaches it.
/// </summary>
public sealed partial class MetricsListener(int port, MeterProvider meters, ILogger<MetricsListener> logger) : IHostedService, IAsyncDisposable
{
    public const string PortVariable = "METRICS_PORT";

    private WebApplication? _app;

    /// <summary>Reads <c>METRICS_PORT</c>: null when unset, an error naming the variable when it is not a port.</summary>
    public static bool TryReadPort(string? value, out int? port, out string error)
    {
        port = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535)
        {
            port = number;
            return true;
        }
        error = $"{PortVariable} must be a TCP port from 1 to 65535 (got \"{value}\").";
        return false;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPrometheusScrapingEndpoint("/metrics", meters, null, null);
        await app.StartAsync(cancellationToken);
        _app = app;
        LogListening(logger, port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics on http://127.0.0.1:{Port}/metrics")]
    private static partial void LogListening(ILogger logger, int port);
}
