using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Small owner-scoped reads the bot pages need besides <see cref="BotQueries"/>: a bot's header (for forms and
/// the run page, without its pairs and positions) and the orders one run placed for one pair.
/// </summary>
public sealed class BotPageQueries(IDbContextFactory<DipTraderDbContext> contexts)
{
    /// <summary>At most this many orders are listed for one run (a run places one order per pair; this is a guard).</summary>
    public const int RunOrdersLimit = 20;

    /// <summary>The bot's header, or null when it is not the user's.</summary>
    public async Task<BotHeader?> HeaderAsync(int userId, int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bots.AsNoTracking().Where(b => b.Id == botId && b.UserId == userId)
            .Select(b => new BotHeader(b.Id, b.Name, b.Exchange, b.Testnet, b.Status, b.ApiKeyHint, b.RunEveryMinutes))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The orders placed by the run a metric row belongs to, for that row's pair (owner-scoped).</summary>
    public async Task<IReadOnlyList<Trade>> RunOrdersAsync(int userId, ExecutionMetric metric, CancellationToken cancellationToken)
    {
        if (metric.RunId is not { } runId)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Trades.AsNoTracking()
            .Where(t => t.BotId == metric.BotId && t.RunId == runId && db.Bots.Any(b => b.Id == metric.BotId && b.UserId == userId));
        query = metric.TradingPairId is { } pairId
            ? query.Where(t => t.TradingPairId == pairId)
            : query.Where(t => t.Symbol == metric.Symbol && t.PositionSide == metric.Side);
        return await query.OrderBy(t => t.Id).Take(RunOrdersLimit).ToListAsync(cancellationToken);
    }
}

/// <summary>What a page shows of a bot above its own content; never the keys, only the key's last 4 characters.</summary>
public sealed record BotHeader(int Id, string Name, string Exchange, bool Testnet, string Status, string? ApiKeyHint, int RunEveryMinutes)
{
    public bool IsPaper => Exchange == Data.Entities.Exchanges.Paper;
}
