using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Api;

public static class ApiEndpoints
{
    public static WebApplication MapDipTraderApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiSupport.RequireAntiforgery);
        BotsApi.Map(api);
        app.MapGet("/api/status", (TimeProvider time) => Results.Ok(new { api_version = "v1", status = "operational", timestamp = time.GetUtcNow() }))
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// <c>/health</c> for load balancers: database reachable, scheduler alive (when this process runs one),
    /// running bots. Errors say which part failed, never the exception.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/health", async (IDbContextFactory<DipTraderDbContext> contexts, SchedulerHealthProbe scheduler, TimeProvider time, CancellationToken token) =>
        {
            int? running = null;
            var database = "connected";
            try
            {
                await using var db = await contexts.CreateDbContextAsync(token);
                running = await db.Bots.CountAsync(b => b.Status == BotStatus.Running, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                database = "unreachable";
            }
            var schedulerState = scheduler.State();
            var healthy = database == "connected" && schedulerState != "stalled";
            var body = new { status = healthy ? "healthy" : "unhealthy", timestamp = time.GetUtcNow(), database, scheduler = schedulerState, active_bots = running };
            return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>The scheduler's state for /health: "alive", "stalled", or "elsewhere" (run by workers).</summary>
public sealed class SchedulerHealthProbe(IServiceProvider services)
{
    public string State()
    {
        var health = services.GetService<SchedulerHealth>();
        if (health is null)
        {
            return "elsewhere";
        }
        return health.IsAlive(TimeSpan.FromMinutes(1)) ? "alive" : health.LastHeartbeat is null ? "starting" : "stalled";
    }
}
