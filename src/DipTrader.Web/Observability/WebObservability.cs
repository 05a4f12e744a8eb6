using System.Text.Json;
using DipTrader.Bots.Observability;
using DipTrader.Web.Auth;

namespace DipTrader.Web.Observability;

/// <summary>
/// Logs, metrics and the admins' health: JSON log lines in production (<c>LOG_FORMAT</c>), Prometheus metrics at
/// <c>/metrics</c> for admins only (session or API token), and <c>/api/admin/health</c>.
/// </summary>
public static class WebObservability
{
    public const string LogFormatVariable = "LOG_FORMAT";
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/api/admin/health";

    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static WebApplicationBuilder AddDipTraderObservability(this WebApplicationBuilder builder)
    {
        if (LogFormat(builder.Configuration[LogFormatVariable], builder.Environment) == "json")
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true; // request id, user id, bot id, pair, client order id
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        builder.Services.AddDipTraderMetrics();
        builder.Services.AddSingleton<ExchangeProbe>();
        builder.Services.AddSingleton<DetailedHealth>();
        return builder;
    }

    /// <summary><c>json</c> or <c>text</c>; unset means json in Production and text elsewhere.</summary>
    public static string LogFormat(string? value, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return environment.IsProduction() ? "json" : "text";
        }
        var format = value.Trim().ToLowerInvariant();
        return format is "json" or "text"
            ? format
            : throw new InvalidOperationException($"{LogFormatVariable} must be json or text (got \"{value}\").");
    }

    /// <summary>After authentication: the user id scope needs the signed-in user.</summary>
    public static WebApplication UseUserLogScope(this WebApplication app)
    {
        app.UseMiddleware<UserLogScope>();
        return app;
    }

    public static WebApplication MapObservabilityEndpoints(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath, null, branch => branch.Use(AdminOnly), null);
        app.MapGet(HealthPath, async (DetailedHealth health, HttpContext context, CancellationToken token) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var report = await health.CheckAsync(token);
            return Results.Json(report, SnakeCase, statusCode: report.Status == HealthReport.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).RequireAuthorization("admin");
        return app;
    }

    /// <summary>
    /// Metrics show every tenant's activity: admins only, by session or by an admin's API token (what Prometheus sends
    /// as <c>authorization: credentials</c>). 401 without credentials, 403 for anyone else; never a login redirect.
    /// </summary>
    private static Task AdminOnly(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (context.User.IsAdmin())
        {
            return next(context);
        }
        if (context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
