using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace DipTrader.Bots.Scheduling;

/// <summary>Creates, replaces and removes the Quartz job and trigger of a bot.</summary>
public sealed class BotJobs(IOptions<SchedulerOptions> options)
{
    public const string NamePrefix = "bot-";

    public static JobKey JobKey(int botId) => new($"{NamePrefix}{botId.ToString(CultureInfo.InvariantCulture)}", BotRunJob.Group);

    public static TriggerKey TriggerKey(int botId) => new($"{NamePrefix}{botId.ToString(CultureInfo.InvariantCulture)}", BotRunJob.Group);

    public TimeSpan Period(int minutes) => options.Value.MinuteLength * minutes;

    /// <summary>
    /// Schedules the bot every <paramref name="periodMinutes"/>, first at <paramref name="firstRun"/>. Missed
    /// fires (all instances down, a long run) become one run now, never a burst.
    /// </summary>
    public async Task ScheduleAsync(IScheduler scheduler, int botId, int periodMinutes, DateTimeOffset firstRun, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<BotRunJob>()
            .WithIdentity(JobKey(botId))
            .UsingJobData(BotRunJob.PeriodKey, periodMinutes)
            .RequestRecovery()
            .StoreDurably(true) // durable: replacing its trigger (back-off) never deletes the job
            .Build();
        await scheduler.ScheduleJob(job, [Trigger(botId, periodMinutes, firstRun)], replace: true, cancellationToken);
    }

    public async Task UnscheduleAsync(IScheduler scheduler, int botId, CancellationToken cancellationToken)
    {
        await scheduler.DeleteJob(JobKey(botId), cancellationToken);
    }

    /// <summary>The period of the bot's current schedule, or null when it has none (or its job only closes now).</summary>
    public static async Task<int?> ScheduledPeriodAsync(IScheduler scheduler, int botId, CancellationToken cancellationToken)
    {
        var detail = await scheduler.GetJobDetail(JobKey(botId), cancellationToken);
        return detail?.JobDataMap.ContainsKey(BotRunJob.PeriodKey) == true && !IsClosing(detail) ? detail.JobDataMap.GetIntValue(BotRunJob.PeriodKey) : null;
    }

    public static bool IsClosing(IJobDetail detail) => detail.JobDataMap.ContainsKey(BotRunJob.ClosingKey);

    /// <summary>
    /// A bot that stopped running keeps its job for its closing pass, fired at once (after a run in progress, never
    /// beside it): it cancels what the last runs left resting. Its regular fires then retry a pass that could not finish.
    /// </summary>
    /// <returns>False when the job is closing already, or there is none.</returns>
    public static async Task<bool> StartClosingAsync(IScheduler scheduler, int botId, CancellationToken cancellationToken)
    {
        var detail = await scheduler.GetJobDetail(JobKey(botId), cancellationToken);
        if (detail is null || IsClosing(detail))
        {
            return false;
        }
        await scheduler.AddJob(detail.GetJobBuilder().UsingJobData(BotRunJob.ClosingKey, 0).Build(), replace: true, cancellationToken);
        await scheduler.TriggerJob(detail.Key, cancellationToken);
        return true;
    }

    private ITrigger Trigger(int botId, int periodMinutes, DateTimeOffset firstRun) =>
        TriggerBuilder.Create()
            .WithIdentity(TriggerKey(botId))
            .ForJob(JobKey(botId))
            .StartAt(firstRun)
            .WithSimpleSchedule(s => s.WithInterval(Period(periodMinutes)).RepeatForever().WithMisfireHandlingInstructionNowWithExistingCount())
            .Build();
}
