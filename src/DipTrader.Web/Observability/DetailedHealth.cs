using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Web.Api;
using DipTrader.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DipTrader.Web.Observability;

/// <summary>
/// Builds the admins' <see cref="HealthReport"/>: database round trip, this process's scheduler and the cluster's
/// instances, Phemex reachability, and the last successful run of every running or failed bot. A fixed number of
/// queries whatever the number of bots; never selects a secret column.
/// </summary>
public sealed class DetailedHealth(
    IDbContextFactory<DipTraderDbContext> contexts,
    WebSettings settings,
    SchedulerHealthProbe probe,
    ExchangeProbe exchanges,
    IOptions<SchedulerOptions> scheduler,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>Bots listed at most (running and errored ones, oldest first).</summary>
    public const int MaxBots = 500;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var exchangeCheck = exchanges.CheckAsync();
        var database = new DatabaseHealth("unreachable", settings.Database.Provider.ToString().ToLowerInvariant(), null);
        IReadOnlyList<BotHealth> bots = [];
        IReadOnlyList<SchedulerInstance> instances = [];
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var started = time.GetTimestamp();
            await db.Users.AnyAsync(cancellationToken);
            database = database with { Status = "connected", LatencyMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1) };
            bots = await BotsAsync(db, cancellationToken);
            instances = await InstancesAsync(db, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report says which part failed, never the exception (it may name hosts and users).
        }
        var schedulerReport = Scheduler(instances);
        var exchangeReport = await exchangeCheck;
        return new HealthReport(Status(database, schedulerReport, exchangeReport, bots), time.GetUtcNow(), database, schedulerReport, exchangeReport, bots);
    }

    private static string Status(DatabaseHealth database, SchedulerHealthReport scheduler, IReadOnlyList<ExchangeHealth> exchanges, IReadOnlyList<BotHealth> bots)
    {
        var noScheduler = scheduler.State == "stalled"
            || (scheduler.State == "elsewhere" && scheduler.Instances.Count > 0 && !scheduler.Instances.Any(i => i.Alive));
        if (database.Status != "connected" || noScheduler)
        {
            return HealthReport.Unhealthy;
        }
        return exchanges.Any(e => e.Status != "reachable") || bots.Any(b => b.Overdue || b.Status == BotStatus.Error)
            ? HealthReport.Degraded
            : HealthReport.Healthy;
    }

    private SchedulerHealthReport Scheduler(IReadOnlyList<SchedulerInstance> instances)
    {
        var state = probe.State();
        if (services.GetService<SchedulerHealth>() is not { } health || state == "elsewhere")
        {
            return new SchedulerHealthReport(state, null, null, null, null, null, null, instances);
        }
        var hour = health.LastHour();
        return new SchedulerHealthReport(state, health.LastHeartbeat, health.RunningNow, hour.Runs, hour.Failures,
            Math.Round(hour.AverageLag.TotalMilliseconds), Math.Round(hour.WorstLag.TotalMilliseconds), instances);
    }

    private async Task<IReadOnlyList<BotHealth>> BotsAsync(DipTraderDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Bots.AsNoTracking()
            .Where(b => b.Status != BotStatus.Stopped)
            .OrderBy(b => b.Id).Take(MaxBots)
            .Select(b => new
            {
                b.Id,
                b.Name,
                Owner = b.User == null ? null : b.User.Email,
                b.Exchange,
                b.Status,
                b.RunEveryMinutes,
                b.LastRunAt,
                b.UpdatedAt,
                b.ConsecutiveFailures,
                b.LastError,
                // The newest ok run walks the (bot_id, id desc) index backwards: cheap however long the history.
                LastSuccess = db.BotRuns.Where(r => r.BotId == b.Id && r.Outcome == RunOutcomes.Ok)
                    .OrderByDescending(r => r.Id).Select(r => (DateTime?)r.StartedAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var minute = scheduler.Value.MinuteLength;
        return [.. rows.Select(b => new BotHealth(b.Id, b.Name, b.Owner, b.Exchange, b.Status, b.RunEveryMinutes,
            ApiSupport.Utc(b.LastRunAt), ApiSupport.Utc(b.LastSuccess), b.ConsecutiveFailures, b.LastError,
            b.Status == BotStatus.Running && now - (b.LastSuccess ?? b.UpdatedAt) > minute * (3 * b.RunEveryMinutes)))];
    }

    /// <summary>The clustered scheduler's instances from Quartz's own check-in table (PostgreSQL only).</summary>
    private async Task<IReadOnlyList<SchedulerInstance>> InstancesAsync(DipTraderDbContext db, CancellationToken cancellationToken)
    {
        if (settings.Database.Provider != DatabaseProvider.Postgres)
        {
            return [];
        }
        var name = configuration["SCHEDULER_NAME"] is { Length: > 0 } configured ? configured : "DipTrader";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = @name ORDER BY instance_name";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "name";
        parameter.Value = name;
        command.Parameters.Add(parameter);
        var now = time.GetUtcNow();
        var instances = new List<SchedulerInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Quartz.NET stores its times as UTC ticks (not Unix milliseconds as the Java original), intervals in milliseconds.
            var checkin = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            // Quartz presumes an instance dead after twice its check-in interval; a little slack for clocks.
            var alive = now - checkin <= TimeSpan.FromMilliseconds(reader.GetInt64(2) * 2) + TimeSpan.FromSeconds(5);
            instances.Add(new SchedulerInstance(reader.GetString(0), checkin, alive));
        }
        return instances;
    }
}
