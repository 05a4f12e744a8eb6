using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Read models of the admin pages, across tenants: no tracking, newest first, paged by fetching one row more
/// than the page (no COUNT over big tables), a fixed number of queries per page. Never selects a secret column.
/// </summary>
public sealed class AdminQueries(IDbContextFactory<DipTraderDbContext> contexts, SiteSettings settings, IServiceProvider services)
{
    public const int UsersPageSize = 50;
    public const int BotsPageSize = 50;
    public const int RecentRuns = 20;
    public const int RecentAuditEntries = 50;
    public const int MaxPending = 200;

    /// <summary>How recent the scheduler's heartbeat must be to count as alive (as <c>/health</c>).</summary>
    public static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(1);

    public async Task<AdminOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.Users.AsNoTracking().Where(u => !u.IsApproved)
            .OrderByDescending(u => u.RequestedAt ?? u.CreatedAt).ThenByDescending(u => u.Id).Take(MaxPending)
            .Select(u => new PendingUser(u.Id, u.Email, u.RequestedAt ?? u.CreatedAt, u.IsActive))
            .ToListAsync(cancellationToken);
        var users = await db.Users.CountAsync(cancellationToken);
        var running = await db.Bots.CountAsync(b => b.Status == BotStatus.Running, cancellationToken);
        var registration = await settings.RegistrationEnabledAsync(cancellationToken);
        var approval = await settings.ApprovalRequiredAsync(cancellationToken);
        return new AdminOverview(pending, users, running, registration, approval, Scheduler());
    }

    public async Task<Page<AdminUserRow>> UsersAsync(int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking()
            .OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id)
            .Skip((page - 1) * UsersPageSize).Take(UsersPageSize + 1)
            .Select(u => new AdminUserRow(u.Id, u.Email, u.IsAdmin, u.IsApproved, u.IsActive, u.Plan, u.MaxBots,
                u.Bots.Count, u.Bots.Count(b => b.Status == BotStatus.Running), u.CreatedAt, u.LastLoginAt))
            .ToListAsync(cancellationToken);
        return Page<AdminUserRow>.From(rows, page, UsersPageSize);
    }

    public async Task<Page<AdminBotRow>> BotsAsync(int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Bots.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Skip((page - 1) * BotsPageSize).Take(BotsPageSize + 1)
            .Select(b => new AdminBotRow(b.Id, b.Name, b.User == null ? null : b.User.Email, b.Exchange, b.Testnet, b.Status, b.LastRunAt, b.LastError))
            .ToListAsync(cancellationToken);
        return Page<AdminBotRow>.From(rows, page, BotsPageSize);
    }

    public async Task<SchedulerView> SchedulerAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.BotRuns.AsNoTracking()
            .OrderByDescending(r => r.Id).Take(RecentRuns)
            .Select(r => new AdminRunRow(r.Id, r.BotId, db.Bots.Where(b => b.Id == r.BotId).Select(b => b.Name).FirstOrDefault(),
                r.StartedAt, r.Outcome, r.DurationMs, r.PairsOk, r.PairsFailed, r.Error, r.Instance))
            .ToListAsync(cancellationToken);
        return new SchedulerView(Scheduler(), runs);
    }

    public async Task<IReadOnlyList<AdminAuditRow>> AuditAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.AsNoTracking()
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(RecentAuditEntries)
            .Select(a => new AdminAuditRow(a.Id, a.CreatedAt, a.UserId, db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault(),
                a.Action, a.TargetType, a.TargetId, a.Details, a.IpAddress))
            .ToListAsync(cancellationToken);
    }

    /// <summary>This process's scheduler, or null when it runs elsewhere (<c>--no-scheduler</c>, workers).</summary>
    private SchedulerSnapshot? Scheduler()
    {
        var health = services.GetService<SchedulerHealth>();
        if (health is null)
        {
            return null;
        }
        var state = health.IsAlive(HeartbeatTolerance) ? "alive" : health.LastHeartbeat is null ? "starting" : "stalled";
        return new SchedulerSnapshot(state, health.LastHeartbeat, health.LastHour(), health.RunningNow);
    }
}

public sealed record PendingUser(int Id, string Email, DateTime RequestedAt, bool IsActive);

public sealed record AdminOverview(IReadOnlyList<PendingUser> Pending, int Users, int RunningBots, bool RegistrationEnabled, bool ApprovalRequired, SchedulerSnapshot? Scheduler);

public sealed record AdminUserRow(int Id, string Email, bool IsAdmin, bool IsApproved, bool IsActive, string Plan, int MaxBots, int Bots, int RunningBots, DateTime CreatedAt, DateTime? LastLoginAt);

public sealed record AdminBotRow(int Id, string Name, string? OwnerEmail, string Exchange, bool Testnet, string Status, DateTime? LastRunAt, string? LastError);

public sealed record AdminRunRow(long Id, int BotId, string? BotName, DateTime StartedAt, string Outcome, int? DurationMs, int PairsOk, int PairsFailed, string? Error, string? Instance);

public sealed record AdminAuditRow(long Id, DateTime CreatedAt, int? UserId, string? UserEmail, string Action, string? TargetType, int? TargetId, string? Details, string? IpAddress);

public sealed record SchedulerSnapshot(string State, DateTimeOffset? LastHeartbeat, SchedulerStats LastHour, int RunningNow);

public sealed record SchedulerView(SchedulerSnapshot? Scheduler, IReadOnlyList<AdminRunRow> Runs);
