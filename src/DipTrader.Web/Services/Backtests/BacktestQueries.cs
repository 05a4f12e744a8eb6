using DipTrader.Data;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services.Backtests;

/// <summary>A backtest in the list: no report (it can be megabytes), the request read for the pair and period.</summary>
public sealed record BacktestSummary(int Id, string Name, string Status, int Progress, BacktestSpec? Spec, string? Error, DateTime CreatedAt, DateTime? FinishedAt);

/// <summary>One backtest with its report when done (null when it is not, or cannot be read).</summary>
public sealed record BacktestView(BacktestSummary Summary, StoredReport? Report);

/// <summary>What the report page polls while a backtest waits or runs.</summary>
public sealed record BacktestProgress(string Status, int Progress, string? Error);

/// <summary>Read models of the backtest pages, always scoped by owner: another user's id reads as missing.</summary>
public sealed class BacktestQueries(IDbContextFactory<DipTraderDbContext> contexts)
{
    public const int PageSize = 20;

    /// <summary>The user's backtests, newest first.</summary>
    public async Task<Page<BacktestSummary>> ListAsync(int userId, int page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Backtests.AsNoTracking().Where(b => b.UserId == userId).OrderByDescending(b => b.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(b => new { b.Id, b.Name, b.Status, b.Progress, b.Request, b.Error, b.CreatedAt, b.FinishedAt })
            .ToListAsync(cancellationToken);
        var items = rows.ConvertAll(b => new BacktestSummary(b.Id, b.Name, b.Status, b.Progress, BacktestSpec.TryRead(b.Request), b.Error, b.CreatedAt, b.FinishedAt));
        return Page<BacktestSummary>.From(items, page, PageSize);
    }

    /// <summary>How many of the user's backtests wait or run.</summary>
    public async Task<int> ActiveCountAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Backtests.CountAsync(b => b.UserId == userId && (b.Status == BacktestStatus.Queued || b.Status == BacktestStatus.Running), cancellationToken);
    }

    public async Task<BacktestView?> ViewAsync(int userId, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Backtests.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.UserId == userId, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var summary = new BacktestSummary(row.Id, row.Name, row.Status, row.Progress, BacktestSpec.TryRead(row.Request), row.Error, row.CreatedAt, row.FinishedAt);
        return new BacktestView(summary, StoredReport.TryRead(row.Report));
    }

    public async Task<BacktestProgress?> ProgressAsync(int userId, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Backtests.AsNoTracking().Where(b => b.Id == id && b.UserId == userId)
            .Select(b => new BacktestProgress(b.Status, b.Progress, b.Error))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
