using DipTrader.Bots.Running;
using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Bots.Recording;

/// <summary>
/// Writes a run to the database in one transaction: a <c>bot_runs</c> row, one <c>execution_metrics</c> row per
/// pair (the decision's inputs and result), a <c>trades</c> row per order placed (updated when its fill is
/// learned), and <c>bot_logs</c> lines.
/// </summary>
public sealed class DatabaseRunRecorder(IDbContextFactory<DipTraderDbContext> contexts, TimeProvider time) : IRunRecorder
{
    public async Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        var botId = result.Bot.BotId ?? throw new InvalidOperationException("Only database bots are recorded in the database.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var executedAt = result.StartedAt.UtcDateTime;
        var durationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds);
        var run = new BotRun
        {
            BotId = botId,
            ScheduledAt = result.ScheduledAt?.UtcDateTime,
            StartedAt = executedAt,
            FinishedAt = result.FinishedAt.UtcDateTime,
            Outcome = result.AllSucceeded ? RunOutcomes.Ok : RunOutcomes.Failed,
            PairsOk = result.Pairs.Count - result.FailedPairs,
            PairsFailed = result.FailedPairs,
            DurationMs = durationMs,
            Error = result.Pairs.FirstOrDefault(p => p.Failed)?.Error,
            Instance = result.Instance,
        };
        db.BotRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var pair in result.Pairs)
        {
            db.ExecutionMetrics.Add(RunRows.Metric(botId, run.Id, executedAt, durationMs, pair));
            db.BotLogs.Add(RunRows.Log(botId, run.Id, executedAt, pair));
            if (pair.SettledOrder is { } settled)
            {
                await UpdateSettledAsync(db, botId, settled, time.GetUtcNow().UtcDateTime, cancellationToken);
            }
            if (pair.Order is not null)
            {
                await UpsertTradeAsync(db, botId, run.Id, executedAt, pair, cancellationToken);
            }
        }
        db.BotLogs.Add(RunRows.Summary(botId, run.Id, result));
        await db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastRunAt, executedAt), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task UpsertTradeAsync(DipTraderDbContext db, int botId, long runId, DateTime executedAt, PairRunResult pair, CancellationToken cancellationToken)
    {
        var order = pair.Order!;
        // A run repeated within its slot gets its earlier order back: update that row, never add a second.
        var trade = await db.Trades.FirstOrDefaultAsync(t => t.BotId == botId && t.ClientOrderId == order.ClientOrderId, cancellationToken);
        if (trade is null)
        {
            trade = RunRows.NewTrade(botId, runId, executedAt, pair);
            db.Trades.Add(trade);
        }
        RunRows.ApplyOrder(trade, order, executedAt);
    }

    private static async Task UpdateSettledAsync(DipTraderDbContext db, int botId, Exchanges.OrderInfo settled, DateTime now, CancellationToken cancellationToken)
    {
        var trade = await db.Trades.FirstOrDefaultAsync(t => t.BotId == botId && t.ClientOrderId == settled.ClientOrderId, cancellationToken);
        if (trade is not null)
        {
            RunRows.ApplyOrder(trade, settled, now);
        }
    }
}
