using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Exchanges;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Bots.Recording;

/// <summary>
/// Writes a run to the database in one transaction: a <c>bot_runs</c> row, one <c>execution_metrics</c> row per
/// pair (the decision's inputs and result), a <c>trades</c> row per order placed (updated when its fill is
/// learned; added then when the run that placed it never recorded it), and <c>bot_logs</c> lines. A stopped bot's
/// closing pass adds no run: only the trades it settled and what it did, as log lines.
/// </summary>
public sealed class DatabaseRunRecorder(IDbContextFactory<DipTraderDbContext> contexts, TimeProvider time) : IRunRecorder
{
    public async Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        var botId = result.Bot.BotId ?? throw new InvalidOperationException("Only database bots are recorded in the database.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction for the whole run: a failed write discards it all, so savepoints would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
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

        var trades = await KnownTradesAsync(db, botId, OrderIds(result), cancellationToken);
        foreach (var pair in result.Pairs)
        {
            db.ExecutionMetrics.Add(RunRows.Metric(botId, run.Id, executedAt, durationMs, pair));
            db.BotLogs.Add(RunRows.Log(botId, run.Id, executedAt, pair));
            foreach (var settled in pair.SettledOrders)
            {
                if (Settle(db, trades, botId, run.Id, pair.Pair, settled, time.GetUtcNow().UtcDateTime))
                {
                    db.BotLogs.Add(RunRows.RecoveredLog(botId, run.Id, executedAt, settled));
                }
            }
            if (pair.Order is { } order)
            {
                // A run repeated within its slot gets its earlier order back: update that row, never add a second.
                if (!trades.TryGetValue(order.ClientOrderId, out var trade))
                {
                    trade = RunRows.NewTrade(botId, run.Id, executedAt, pair);
                    db.Trades.Add(trade);
                    trades[order.ClientOrderId] = trade;
                }
                RunRows.ApplyOrder(trade, order, executedAt);
            }
        }
        db.BotLogs.Add(RunRows.Summary(botId, run.Id, result));
        await db.Bots.Where(b => b.Id == botId).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastRunAt, executedAt), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordClosingAsync(BotClosingResult result, CancellationToken cancellationToken)
    {
        var botId = result.Bot.BotId ?? throw new InvalidOperationException("Only database bots are recorded in the database.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var at = result.At.UtcDateTime;
        var trades = await KnownTradesAsync(db, botId, [.. result.Settled.Values.SelectMany(o => o).Select(o => o.ClientOrderId)], cancellationToken);
        foreach (var pair in result.Bot.Pairs)
        {
            foreach (var settled in result.Settled.GetValueOrDefault(pair.Key) ?? [])
            {
                Settle(db, trades, botId, null, pair, settled, at);
                db.BotLogs.Add(RunRows.ClosedLog(botId, at, settled));
            }
        }
        foreach (var (symbol, error) in result.Failures)
        {
            db.BotLogs.Add(RunRows.CloseFailedLog(botId, at, symbol, error));
        }
        // One SaveChanges: one transaction.
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Applies how a settled order ended to its trade row. With no row, the run that placed it never recorded it: it is
    /// booked now, or the fill would be lost from the history.
    /// </summary>
    /// <returns>True when the row had to be booked.</returns>
    private static bool Settle(DipTraderDbContext db, Dictionary<string, Trade> trades, int botId, long? runId, PairConfiguration pair, OrderInfo order, DateTime learnedAt)
    {
        var recovered = !trades.TryGetValue(order.ClientOrderId, out var trade);
        if (recovered)
        {
            trade = RunRows.RecoveredTrade(botId, runId, pair, order, learnedAt);
            db.Trades.Add(trade);
            trades[order.ClientOrderId] = trade;
        }
        RunRows.ApplyOrder(trade!, order, learnedAt);
        return recovered;
    }

    /// <summary>The client order ids of the orders this run placed or settled.</summary>
    private static List<string> OrderIds(BotRunResult result)
    {
        var ids = new List<string>();
        foreach (var pair in result.Pairs)
        {
            foreach (var settled in pair.SettledOrders)
            {
                ids.Add(settled.ClientOrderId);
            }
            if (pair.Order is { } order)
            {
                ids.Add(order.ClientOrderId);
            }
        }
        return ids;
    }

    /// <summary>The trade rows of these orders, tracked for update, in one query.</summary>
    private static async Task<Dictionary<string, Trade>> KnownTradesAsync(DipTraderDbContext db, int botId, List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Trade>(StringComparer.Ordinal);
        }
        var rows = await db.Trades.Where(t => t.BotId == botId && ids.Contains(t.ClientOrderId!)).ToListAsync(cancellationToken);
        // Oldest first, so a client order id that somehow has two rows updates the first, as the single-row reads did.
        return rows.OrderBy(t => t.Id).DistinctBy(t => t.ClientOrderId).ToDictionary(t => t.ClientOrderId!, StringComparer.Ordinal);
    }
}
