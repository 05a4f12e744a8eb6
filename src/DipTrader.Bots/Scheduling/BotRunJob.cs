using System.Globalization;
using Quartz;

namespace DipTrader.Bots.Scheduling;

/// <summary>
/// The Quartz job of one bot. Never two runs of one bot at once, on one machine or across the cluster
/// (<see cref="DisallowConcurrentExecutionAttribute"/>); fires during a failing bot's back-off are skipped.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution] // the closing passes tried
public sealed class BotRunJob(BotRunService runs, BotJobs jobs, SchedulerHealth health, SchedulerMetrics metrics) : IJob
{
    public const string Group = "bots";
    public const string PeriodKey = "periodMinutes";
    public const string ClosingKey = "closingPasses";

    public async Task Execute(IJobExecutionContext context)
    {
        var botId = int.Parse(context.JobDetail.Key.Name.AsSpan(BotJobs.NamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var periodMinutes = context.MergedJobDataMap.GetIntValue(PeriodKey);
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        health.RunStarted();
        metrics.RunStarted(context.FireTimeUtc - scheduled);
        var (outcome, backoff) = await runs.RunAsync(botId, scheduled, jobs.Period(periodMinutes), context.Scheduler.SchedulerInstanceId, context.CancellationToken);
        health.RunFinished(outcome, context.FireTimeUtc - scheduled);
        // A failed run without a back-off put the bot in error; a stopped or deleted bot needs no job either, once
        // its closing pass cancelled what its last runs left resting (retried at the next fires when it could not).
        if (outcome == ScheduledRunOutcome.NotRunning || (outcome == ScheduledRunOutcome.Failed && backoff is null))
        {
            var data = context.JobDetail.JobDataMap;
            var passes = data.ContainsKey(ClosingKey) ? data.GetIntValue(ClosingKey) : 0;
            if (await runs.CloseAsync(botId, passes + 1, BotRunService.ClosingAttempts, context.CancellationToken))
            {
                await jobs.UnscheduleAsync(context.Scheduler, botId, context.CancellationToken);
            }
            else
            {
                data[ClosingKey] = passes + 1;
            }
        }
    }
}
