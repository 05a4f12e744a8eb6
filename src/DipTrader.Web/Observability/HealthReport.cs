namespace DipTrader.Web.Observability;

/// <summary>
/// The admins' detailed health (<c>/api/admin/health</c> and <c>/admin/scheduler</c>): <c>unhealthy</c> when the
/// database or the scheduler is down, <c>degraded</c> when an exchange is unreachable or a bot is failing or late.
/// </summary>
public sealed record HealthReport(
    string Status,
    DateTimeOffset CheckedAt,
    DatabaseHealth Database,
    SchedulerHealthReport Scheduler,
    IReadOnlyList<ExchangeHealth> Exchanges,
    IReadOnlyList<BotHealth> Bots)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
}

/// <param name="Status"><c>connected</c> or <c>unreachable</c>; never the exception.</param>
public sealed record DatabaseHealth(string Status, string Provider, double? LatencyMs);

/// <param name="State">This process's scheduler: <c>alive</c>, <c>starting</c>, <c>stalled</c>, or <c>elsewhere</c> (workers).</param>
/// <param name="Instances">Every scheduler instance of the PostgreSQL cluster (web apps and workers) with its last check-in.</param>
public sealed record SchedulerHealthReport(
    string State,
    DateTimeOffset? LastHeartbeat,
    int? RunningNow,
    int? RunsLastHour,
    int? FailuresLastHour,
    double? AverageLagMs,
    double? WorstLagMs,
    IReadOnlyList<SchedulerInstance> Instances);

public sealed record SchedulerInstance(string Name, DateTimeOffset LastCheckin, bool Alive);

/// <param name="Status"><c>reachable</c> or <c>unreachable</c>.</param>
/// <param name="Error">Why it is unreachable, in the exchange client's words (never a key or a URL with secrets).</param>
public sealed record ExchangeHealth(string Name, string Network, string Status, double? LatencyMs, string? Error, DateTimeOffset CheckedAt);

/// <param name="Overdue">Running, but no successful run for three of its periods.</param>
public sealed record BotHealth(
    int Id,
    string Name,
    string? Owner,
    string Exchange,
    string Status,
    int RunEveryMinutes,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    string? LastError,
    bool Overdue);
