namespace DipTrader.Bots.Scheduling;

/// <summary>How the scheduler runs bots (section <c>Scheduler</c>; validated at start).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>A run that takes longer is cancelled and counted as failed.</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this many failed runs in a row the bot is put in <c>error</c> and its owner told.</summary>
    public int MaxConsecutiveFailures { get; set; } = 8;

    /// <summary>The longest back-off between failing runs, in minutes (1, 2, 4 … up to this).</summary>
    public int MaxBackoffMinutes { get; set; } = 60;

    /// <summary>How often each instance re-reads the bots table for changes made elsewhere.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bot runs one instance executes at once.</summary>
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>Delay before a freshly started bot's first run.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A unit of the run period: tests shrink it to run bots every few seconds (production: one minute).</summary>
    public TimeSpan MinuteLength { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clustered instances check in this often; an instance silent for twice as long is presumed dead and its bots taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>
    /// A fire later than this is a misfire: the bot runs once now instead of catching up. Half a minute, so a
    /// bot held up for a few periods (a slow run, a busy machine) never runs its missed slots back to back.
    /// </summary>
    public TimeSpan MisfireThreshold => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, MinuteLength.Ticks / 2));

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RunTimeout <= TimeSpan.Zero)
        {
            problems.Add("Scheduler:RunTimeout must be positive.");
        }
        if (MaxConsecutiveFailures < 1)
        {
            problems.Add("Scheduler:MaxConsecutiveFailures must be at least 1.");
        }
        if (MaxBackoffMinutes < 1)
        {
            problems.Add("Scheduler:MaxBackoffMinutes must be at least 1.");
        }
        if (MaxConcurrentRuns is < 1 or > 500)
        {
            problems.Add("Scheduler:MaxConcurrentRuns must be from 1 to 500.");
        }
        if (ReconcileInterval < TimeSpan.FromMilliseconds(100) || MinuteLength < TimeSpan.FromMilliseconds(100))
        {
            problems.Add("Scheduler:ReconcileInterval and MinuteLength must be at least 100 ms.");
        }
        return problems;
    }
}
