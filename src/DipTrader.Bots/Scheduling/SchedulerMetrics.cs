using System.Diagnostics.Metrics;
using DipTrader.Bots.Running;

namespace DipTrader.Bots.Scheduling;

/// <summary>
/// This process's scheduler on the <c>DipTrader.Bots</c> meter: how late runs start, how old the reconcile loop's
/// heartbeat is, how long a reconcile pass takes, and how many runs are in flight. Created with the reconciler, so
/// the gauges exist before any run.
/// </summary>
public sealed class SchedulerMetrics
{
    public const string LagName = "diptrader.scheduler.lag";
    public const string HeartbeatAgeName = "diptrader.scheduler.heartbeat.age";
    public const string RunningName = "diptrader.scheduler.runs.active";
    public const string ReconcileDurationName = "diptrader.scheduler.reconcile.duration";

    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _reconcile;

    public SchedulerMetrics(IMeterFactory meterFactory, SchedulerHealth health, TimeProvider time)
    {
        var meter = meterFactory.Create(BotMetrics.MeterName);
        _lag = meter.CreateHistogram<double>(LagName, "s", "How late a scheduled bot run started after its due time.");
        _reconcile = meter.CreateHistogram<double>(ReconcileDurationName, "s", "How long one pass matching the schedule to the bots table took.");
        // No heartbeat yet reports nothing rather than a made-up age.
        meter.CreateObservableGauge(HeartbeatAgeName,
            () => health.LastHeartbeat is { } beat ? [new Measurement<double>((time.GetUtcNow() - beat).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Seconds since the scheduler's reconcile loop last completed; it beats every Scheduler:ReconcileInterval.");
        meter.CreateObservableUpDownCounter(RunningName, () => health.RunningNow, "{run}", "Bot runs executing in this process now.");
    }

    public void RunStarted(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));

    public void Reconciled(TimeSpan duration) => _reconcile.Record(duration.TotalSeconds);
}
