namespace DipTrader.Bots.Scheduling;

/// <summary>
/// What the admin page, <c>/health</c> and <c>/metrics</c> say about this process's scheduler: alive (its
/// reconcile loop keeps beating), runs and failures, and how late runs start.
/// </summary>
public sealed class SchedulerHealth(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Queue<(DateTimeOffset At, bool Failed, TimeSpan Lag)> _recent = new();
    private DateTimeOffset? _heartbeat;
    private int _running;

    public bool Enabled { get; private set; }

    public DateTimeOffset? LastHeartbeat => _heartbeat;

    public int RunningNow => Volatile.Read(ref _running);

    public void Beat()
    {
        Enabled = true;
        _heartbeat = time.GetUtcNow();
    }

    /// <summary>Alive when the last heartbeat is recent.</summary>
    public bool IsAlive(TimeSpan tolerance) => _heartbeat is { } beat && time.GetUtcNow() - beat < tolerance;

    public void RunStarted() => Interlocked.Increment(ref _running);

    /// <summary>Counts a finished run with how late it started; skipped fires (back-off, stopped bot) are not runs.</summary>
    public void RunFinished(ScheduledRunOutcome outcome, TimeSpan lag)
    {
        Interlocked.Decrement(ref _running);
        if (outcome is ScheduledRunOutcome.Succeeded or ScheduledRunOutcome.Failed)
        {
            lock (_gate)
            {
                _recent.Enqueue((time.GetUtcNow(), false, lag < TimeSpan.Zero ? TimeSpan.Zero : lag));
                if (outcome == ScheduledRunOutcome.Failed)
                {
                    _recent.Enqueue((time.GetUtcNow(), true, TimeSpan.Zero));
                }
                Trim();
            }
        }
    }

    /// <summary>Runs started, failed runs, and the average and worst start lag over the last hour.</summary>
    public SchedulerStats LastHour()
    {
        lock (_gate)
        {
            Trim();
            var started = _recent.Where(r => !r.Failed).ToList();
            return new SchedulerStats(
                started.Count,
                _recent.Count(r => r.Failed),
                started.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)started.Average(r => r.Lag.Ticks)),
                started.Count == 0 ? TimeSpan.Zero : started.Max(r => r.Lag));
        }
    }

    private void Trim()
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromHours(1);
        while (_recent.Count > 0 && _recent.Peek().At < cutoff)
        {
            _recent.Dequeue();
        }
    }
}

public sealed record SchedulerStats(int Runs, int Failures, TimeSpan AverageLag, TimeSpan WorstLag);
