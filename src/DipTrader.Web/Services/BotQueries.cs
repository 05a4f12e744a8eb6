using System.Data.Common;
using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Read models of the dashboard and the bot page: owner-scoped, no tracking, indexed, paged by "one row
/// more than the page" (no COUNT over big tables), a fixed number of queries per page (no N+1).
/// </summary>
/// <remarks>
/// The dashboard's and the bot page's queries are compiled once: building and translating their LINQ on every
/// request was over a tenth of a page view's CPU. They are this instance's, not static, because a compiled query
/// serves one model and tests run a SQLite and a PostgreSQL app in one process.
/// </remarks>
public sealed class BotQueries(IDbContextFactory<DipTraderDbContext> contexts, DatabaseConnection database)
{
    public const int TradesPageSize = 20;
    public const int RunsPageSize = 20;
    public const int LogsPageSize = 50;

    // The user's line and their bots in one statement: on a busy server each round trip costs PostgreSQL more than the rows.
    private readonly Func<DipTraderDbContext, int, CancellationToken, Task<DashboardView>> _dashboard = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int userId, CancellationToken _) => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new DashboardView(u.Email, u.Plan, u.MaxBots, u.Bots.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
                .Select(b => new BotSummary(b.Id, b.Name, b.Exchange, b.Testnet, b.Status, b.Pairs.Count, b.Pairs.Count(p => p.IsActive), b.LastRunAt, b.NextRunAt, b.LastError, b.RunEveryMinutes))
                .ToList()))
            .Single());

    private readonly Func<DipTraderDbContext, int, int, CancellationToken, Task<Bot?>> _ownedBotWithPairs = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int userId, int botId, CancellationToken _) => db.Bots.AsNoTracking().Include(b => b.Pairs).SingleOrDefault(b => b.Id == botId && b.UserId == userId));

    // The last run with its rows (the positions it saw) in one statement; idx_bot_runs_bot_newest, then idx_metrics_run.
    private readonly Func<DipTraderDbContext, int, CancellationToken, Task<LastRunView?>> _lastRun = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId, CancellationToken _) => db.BotRuns.AsNoTracking().Where(r => r.BotId == botId).OrderByDescending(r => r.Id)
            .Select(r => new LastRunView(r, db.ExecutionMetrics.Where(m => m.RunId == r.Id && m.BotId == botId).Select(WithoutDetails).ToList()))
            .FirstOrDefault());

    // What the bot page shows that can change, in one statement for the page cache: the bot and its pairs as stored, and the
    // newest run and log line (each from its (bot_id, id DESC) index). Run rows (execution_metrics) are written only with a
    // new run, and every write of trades comes with a log line in the same transaction (the recorder's summary, or the
    // closing pass's line per order), so those two also move when a run row or a trade is added or a trade settled.
    private readonly Func<DipTraderDbContext, int, int, CancellationToken, Task<BotPageVersion?>> _pageVersion = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int userId, int botId, CancellationToken _) => db.Bots.AsNoTracking().Where(b => b.Id == botId && b.UserId == userId)
            .Select(b => new BotPageVersion(b, b.Pairs.OrderBy(p => p.Id).ToList(),
                db.BotRuns.Where(r => r.BotId == botId).Max(r => (long?)r.Id),
                db.BotLogs.Where(l => l.BotId == botId).Max(l => (int?)l.Id)))
            .SingleOrDefault());

    // The same version on PostgreSQL, hashed where the rows lie: every column of the bot and its pairs as the server prints
    // the rows (b::text), so one short text comes back instead of the rows, materialised and serialised here (with EF
    // Core building a delegate for the nested list on each execution), which was a fifth of a cached view's CPU. md5
    // detects a change; nothing here needs a hash an attacker cannot collide, since a user's versions cover their own data.
    // Positional parameters: Npgsql sends the text as it is, without parsing it for named ones.
    private const string PostgresPageVersionSql = """
        SELECT md5(b::text || coalesce((SELECT string_agg(p::text, ',' ORDER BY p.id) FROM trading_pairs p WHERE p.bot_id = b.id), ''))
            || '|' || coalesce((SELECT max(r.id) FROM bot_runs r WHERE r.bot_id = b.id)::text, '')
            || '|' || coalesce((SELECT max(l.id) FROM bot_logs l WHERE l.bot_id = b.id)::text, '')
        FROM bots b WHERE b.id = $1 AND b.user_id = $2
        """;

    // Each table's first page, the one almost every view shows, has its size written into the SQL and no OFFSET: PostgreSQL
    // then keeps one generic plan for the prepared statement. With LIMIT and OFFSET as parameters it cannot cost a generic
    // plan well and plans the statement again on every execution (about a quarter of its work on the bot page).
    private readonly Func<DipTraderDbContext, int, IAsyncEnumerable<Trade>> _tradesFirstPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId) => db.Trades.AsNoTracking().Where(t => t.BotId == botId)
            .OrderByDescending(t => t.ExecutedAt).ThenByDescending(t => t.Id).Take(TradesPageSize + 1));

    private readonly Func<DipTraderDbContext, int, int, int, IAsyncEnumerable<Trade>> _tradesPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId, int skip, int take) => db.Trades.AsNoTracking().Where(t => t.BotId == botId)
            .OrderByDescending(t => t.ExecutedAt).ThenByDescending(t => t.Id).Skip(skip).Take(take));

    private readonly Func<DipTraderDbContext, int, IAsyncEnumerable<ExecutionMetric>> _runsFirstPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId) => db.ExecutionMetrics.AsNoTracking().Where(m => m.BotId == botId)
            .OrderByDescending(m => m.Id).Select(WithoutDetails).Take(RunsPageSize + 1));

    private readonly Func<DipTraderDbContext, int, int, int, IAsyncEnumerable<ExecutionMetric>> _runsPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId, int skip, int take) => db.ExecutionMetrics.AsNoTracking().Where(m => m.BotId == botId)
            .OrderByDescending(m => m.Id).Select(WithoutDetails).Skip(skip).Take(take));

    private readonly Func<DipTraderDbContext, int, IAsyncEnumerable<BotLog>> _logsFirstPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId) => db.BotLogs.AsNoTracking().Where(l => l.BotId == botId)
            .OrderByDescending(l => l.Id).Take(LogsPageSize + 1));

    private readonly Func<DipTraderDbContext, int, int, int, IAsyncEnumerable<BotLog>> _logsPage = EF.CompileAsyncQuery(
        (DipTraderDbContext db, int botId, int skip, int take) => db.BotLogs.AsNoTracking().Where(l => l.BotId == botId)
            .OrderByDescending(l => l.Id).Skip(skip).Take(take));

    /// <summary>
    /// A run row without its details JSON (every input and derived value, kilobytes per row): tables and positions show
    /// the figures and the conclusion; the run page reads the details of one run.
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<ExecutionMetric, ExecutionMetric>> WithoutDetails = m => new ExecutionMetric
    {
        Id = m.Id, BotId = m.BotId, Symbol = m.Symbol, ExecutedAt = m.ExecutedAt, TotalBalance = m.TotalBalance, PositionSize = m.PositionSize,
        PositionValue = m.PositionValue, UnrealizedPnl = m.UnrealizedPnl, UnrealizedPnlPct = m.UnrealizedPnlPct, MarginLevel = m.MarginLevel,
        EntryPrice = m.EntryPrice, CurrentPrice = m.CurrentPrice, Leverage = m.Leverage, Side = m.Side, Action = m.Action, Conclusion = m.Conclusion,
        Ema200 = m.Ema200, Ema50 = m.Ema50, ExecutionTimeMs = m.ExecutionTimeMs, CreatedAt = m.CreatedAt, RunId = m.RunId,
        TradingPairId = m.TradingPairId, Rule = m.Rule, Decision = m.Decision, Ema100H1 = m.Ema100H1,
    };

    public async Task<DashboardView> DashboardAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await _dashboard(db, userId, cancellationToken);
    }

    public async Task<BotView?> BotAsync(int userId, int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await BotViewAsync(db, userId, botId, cancellationToken);
    }

    /// <summary>
    /// Everything <c>/bots/{id}</c> shows, on one connection, one query after the other: the bot (ownership checked once),
    /// its last run and positions, and one page of each table. Null when the bot is not the user's.
    /// </summary>
    public async Task<BotPageView?> BotPageAsync(int userId, int botId, int tradesPage, int runsPage, int logsPage, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await BotViewAsync(db, userId, botId, cancellationToken) is not { } view)
        {
            return null;
        }
        var trades = await TradesPageAsync(db, botId, tradesPage, cancellationToken);
        var runs = await RunsPageAsync(db, botId, runsPage, cancellationToken);
        var logs = await LogsPageAsync(db, botId, logsPage, cancellationToken);
        return new BotPageView(view, trades, runs, logs);
    }

    private async Task<BotView?> BotViewAsync(DipTraderDbContext db, int userId, int botId, CancellationToken cancellationToken)
    {
        var bot = await _ownedBotWithPairs(db, userId, botId, cancellationToken);
        if (bot is null)
        {
            return null;
        }
        var lastRun = await _lastRun(db, botId, cancellationToken);
        return new BotView(bot, [.. bot.Pairs.OrderBy(p => p.Symbol).ThenBy(p => p.Side)], lastRun?.Run, lastRun?.Positions ?? []);
    }

    /// <summary>
    /// What decides whether a cached bot page is still current, as a short text (equal texts, equal pages), or null when
    /// the bot is not the user's.
    /// </summary>
    public async Task<string?> BotPageVersionAsync(int userId, int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The provider from the connection: asking the context (IsNpgsql) reads its assembly's name on every call.
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return await _pageVersion(db, userId, botId, cancellationToken) is { } version ? Fingerprint.Of(version) : null;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = PostgresPageVersionSql;
        AddPositional(command, botId);
        AddPositional(command, userId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static void AddPositional(DbCommand command, int value)
    {
        var parameter = command.CreateParameter();
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async Task<Page<Trade>?> TradesAsync(int userId, int botId, int page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await OwnsAsync(db, userId, botId, cancellationToken))
        {
            return null;
        }
        return await TradesPageAsync(db, botId, page, cancellationToken);
    }

    private async Task<Page<Trade>> TradesPageAsync(DipTraderDbContext db, int botId, int page, CancellationToken cancellationToken)
    {
        var rows = await (page == 1 ? _tradesFirstPage(db, botId) : _tradesPage(db, botId, (page - 1) * TradesPageSize, TradesPageSize + 1)).ToListAsync(cancellationToken);
        return Page<Trade>.From(rows, page, TradesPageSize);
    }

    public async Task<Page<ExecutionMetric>?> RunsAsync(int userId, int botId, int page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await OwnsAsync(db, userId, botId, cancellationToken))
        {
            return null;
        }
        return await RunsPageAsync(db, botId, page, cancellationToken);
    }

    private async Task<Page<ExecutionMetric>> RunsPageAsync(DipTraderDbContext db, int botId, int page, CancellationToken cancellationToken)
    {
        var rows = await (page == 1 ? _runsFirstPage(db, botId) : _runsPage(db, botId, (page - 1) * RunsPageSize, RunsPageSize + 1)).ToListAsync(cancellationToken);
        return Page<ExecutionMetric>.From(rows, page, RunsPageSize);
    }

    public async Task<ExecutionMetric?> RunAsync(int userId, int botId, int metricId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ExecutionMetrics.AsNoTracking()
            .Where(m => m.Id == metricId && m.BotId == botId && db.Bots.Any(b => b.Id == botId && b.UserId == userId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Page<BotLog>?> LogsAsync(int userId, int botId, int page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await OwnsAsync(db, userId, botId, cancellationToken))
        {
            return null;
        }
        return await LogsPageAsync(db, botId, page, cancellationToken);
    }

    private async Task<Page<BotLog>> LogsPageAsync(DipTraderDbContext db, int botId, int page, CancellationToken cancellationToken)
    {
        var rows = await (page == 1 ? _logsFirstPage(db, botId) : _logsPage(db, botId, (page - 1) * LogsPageSize, LogsPageSize + 1)).ToListAsync(cancellationToken);
        return Page<BotLog>.From(rows, page, LogsPageSize);
    }

    public async Task<TradingPair?> PairAsync(int userId, int botId, int pairId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TradingPairs.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == pairId && p.BotId == botId && p.Bot!.UserId == userId, cancellationToken);
    }

    private static Task<bool> OwnsAsync(DipTraderDbContext db, int userId, int botId, CancellationToken cancellationToken) =>
        db.Bots.AnyAsync(b => b.Id == botId && b.UserId == userId, cancellationToken);
}

public sealed record BotSummary(int Id, string Name, string Exchange, bool Testnet, string Status, int Pairs, int ActivePairs, DateTime? LastRunAt, DateTime? NextRunAt, string? LastError, int RunEveryMinutes);

public sealed record DashboardView(string Email, string Plan, int MaxBots, IReadOnlyList<BotSummary> Bots)
{
    public bool CanCreateMore => Bots.Count < MaxBots;
}

public sealed record BotView(Bot Bot, IReadOnlyList<TradingPair> Pairs, BotRun? LastRun, IReadOnlyList<ExecutionMetric> Positions)
{
    public ExecutionMetric? PositionOf(TradingPair pair) =>
        Positions.FirstOrDefault(m => m.TradingPairId == pair.Id) ?? Positions.FirstOrDefault(m => m.TradingPairId == null && m.Symbol == pair.Symbol && m.Side == pair.Side);
}

/// <summary>The bot and pairs as stored, and the newest run and log line of the bot: equal versions, equal pages.</summary>
public sealed record BotPageVersion(Bot Bot, List<TradingPair> Pairs, long? NewestRun, int? NewestLog);

/// <summary>A bot's last run and the rows it recorded per pair.</summary>
public sealed record LastRunView(BotRun Run, List<ExecutionMetric> Positions);

/// <summary>The bot page's data: the bot and one page of each of its tables.</summary>
public sealed record BotPageView(BotView Bot, Page<Trade> Trades, Page<ExecutionMetric> Runs, Page<BotLog> Logs);

/// <summary>One page of rows, newest first, with whether more exist.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, bool HasNext)
{
    public bool HasPrevious => Number > 1;

    public static Page<T> From(List<T> rows, int number, int size) =>
        new(rows.Count > size ? rows.GetRange(0, size) : rows, number, rows.Count > size);
}
