using System.Globalization;
using Quartz;

namespace DipTrader.Bots.Scheduling;

/// <summary>
/// The Quartz job of one bot. Never two runs of one bot at once, on one machine or across the cluster
/// (<see cref="DisallowConcurrentExecutionAttribute"/>); a failing run postpones its own next fire.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BotRunJob(BotRunService runs, BotJobs jobs, SchedulerHealth health) : IJob
{
    public const string Group = "bots";
    public const string PeriodKey = "periodMinutes";

    public async Task Execute(IJobExecutionContext context)
    {
        var botId = int.Parse(context.JobDetail.Key.Name.AsSpan(BotJobs.NamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var periodMinutes = context.MergedJobDataMap.GetIntValue(PeriodKey);
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        health.RunStarted(context.FireTimeUtc - scheduled);
        var (outcome, backoff) = await runs.RunAsync(botId, scheduled, jobs.Period(periodMinutes), context.Scheduler.SchedulerInstanceId, context.CancellationToken);
        health.RunFinished(outcome == ScheduledRunOutcome.Failed);
        switch (outcome)
        {
            case ScheduledRunOutcome.NotRunning:
                await jobs.UnscheduleAsync(context.Scheduler, botId, context.CancellationToken);
                break;
            case ScheduledRunOutcome.Failed when backoff is { } delay:
                await jobs.PostponeAsync(context.Scheduler, botId, periodMinutes, delay, context.CancellationToken);
                break;
            case ScheduledRunOutcome.Failed:
                await jobs.UnscheduleAsync(context.Scheduler, botId, context.CancellationToken);
                break;
        }
    }
}
