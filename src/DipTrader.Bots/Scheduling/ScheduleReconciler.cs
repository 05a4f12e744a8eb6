using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.Matchers;

namespace DipTrader.Bots.Scheduling;

/// <summary>
/// Keeps the Quartz jobs equal to the running bots: at start-up (spreading first runs over each bot's period
/// so a thousand bots do not fire in the same second), every few seconds (changes made by another process),
/// and at once when this process changes a bot (<see cref="IBotScheduler"/>).
/// </summary>
public sealed partial class ScheduleReconciler(
    ISchedulerFactory schedulers,
    IDbContextFactory<DipTraderDbContext> contexts,
    BotJobs jobs,
    SchedulerHealth health,
    SchedulerMetrics metrics,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleReconciler> logger) : BackgroundService, IBotScheduler
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task BotChangedAsync(int botId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var bot = await db.Bots.AsNoTracking().Where(b => b.Id == botId)
                .Select(b => new RunningBot(b.Id, b.RunEveryMinutes, b.Status, b.NextRunAt)).SingleOrDefaultAsync(cancellationToken);
            await ApplyAsync(scheduler, botId, bot is { Status: BotStatus.Running } ? bot : null, spread: false, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = time.GetTimestamp();
                await ReconcileAllAsync(spread: first, stoppingToken);
                first = false;
                metrics.Reconciled(time.GetElapsedTime(started));
                health.Beat();
            }
            // Anything short of shutdown is logged and retried: a timeout inside Quartz or Npgsql surfaces as a
            // cancellation too, and letting it escape would end the loop (and the heartbeat) for good.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReconcileFailed(logger, e);
            }
            await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
        }
    }

    private async Task ReconcileAllAsync(bool spread, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var running = await db.Bots.AsNoTracking().Where(b => b.Status == BotStatus.Running)
                .Select(b => new RunningBot(b.Id, b.RunEveryMinutes, b.Status, b.NextRunAt)).ToDictionaryAsync(b => b.Id, cancellationToken);
            var scheduled = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(BotRunJob.Group), cancellationToken))
                .Select(k => int.Parse(k.Name.AsSpan(BotJobs.NamePrefix.Length), System.Globalization.CultureInfo.InvariantCulture))
                .ToHashSet();
            foreach (var id in scheduled.Union(running.Keys))
            {
                await ApplyAsync(scheduler, id, running.GetValueOrDefault(id), spread, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Makes one bot's job match the bot: scheduled with its period when running, absent otherwise.</summary>
    private async Task ApplyAsync(IScheduler scheduler, int botId, RunningBot? bot, bool spread, CancellationToken cancellationToken)
    {
        var current = await BotJobs.ScheduledPeriodAsync(scheduler, botId, cancellationToken);
        if (bot is null)
        {
            // The job ends itself after the closing pass (BotRunJob).
            if (current is not null && await BotJobs.StartClosingAsync(scheduler, botId, cancellationToken))
            {
                LogClosing(logger, botId);
            }
            return;
        }
        if (current == bot.RunEveryMinutes)
        {
            return;
        }
        var now = time.GetUtcNow();
        var period = jobs.Period(bot.RunEveryMinutes);
        DateTimeOffset first;
        if (bot.NextRunAt is { } next && next > now.UtcDateTime)
        {
            first = new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
        }
        else if (current is not null)
        {
            // The period changed: keep the old rhythm's next fire if it comes sooner.
            var trigger = await scheduler.GetTrigger(BotJobs.TriggerKey(botId), cancellationToken);
            var upcoming = trigger?.GetNextFireTimeUtc() ?? now;
            first = upcoming < now + period ? upcoming : now + period;
        }
        else if (spread)
        {
            // Spread a cold start: bot i runs at its own offset within its period.
            var offset = TimeSpan.FromTicks(period.Ticks / 997 * (botId % 997));
            first = now + options.Value.FirstRunDelay + offset;
        }
        else
        {
            first = now + options.Value.FirstRunDelay;
        }
        await jobs.ScheduleAsync(scheduler, botId, bot.RunEveryMinutes, first, cancellationToken);
        LogScheduled(logger, botId, bot.RunEveryMinutes, first);
    }

    private sealed record RunningBot(int Id, int RunEveryMinutes, string Status, DateTime? NextRunAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled bot {BotId} every {Minutes} min, first run at {FirstRun:O}")]
    private static partial void LogScheduled(ILogger logger, int botId, int minutes, DateTimeOffset firstRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot {BotId} stopped running: its closing pass cancels what its last runs left resting")]
    private static partial void LogClosing(ILogger logger, int botId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling the schedule with the bots table failed; retrying")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
