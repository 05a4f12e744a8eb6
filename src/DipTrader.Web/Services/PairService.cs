using DipTrader.Bots.Running;
using DipTrader.Bots.Scheduling;
using DipTrader.Bots.Venues;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>A trading pair as the form or the API sends it; <see cref="ConfigJson"/> holds the strategy settings.</summary>
public sealed record PairInput(string? Symbol, string? Side, int? Leverage, int? EmaInterval, bool AutomaticMode, bool IsActive, string? ConfigJson);

/// <summary>
/// Adds, edits and deletes a bot's pairs with every field validated: the symbol trades on the bot's venue,
/// side, leverage 1–100, an allowed EMA interval, strategy settings in range, no duplicate symbol+side on one
/// bot, and one leverage per symbol (Phemex hedged mode sets both sides of a symbol together here).
/// </summary>
public sealed class PairService(IDbContextFactory<DipTraderDbContext> contexts, SymbolCatalog symbols, IBotScheduler scheduler, AuditLog audit, TimeProvider time)
{
    public async Task<ServiceResult<TradingPair>> AddAsync(int userId, int botId, PairInput input, CancellationToken cancellationToken) =>
        await SaveAsync(userId, botId, pairId: null, input, cancellationToken);

    public async Task<ServiceResult<TradingPair>> UpdateAsync(int userId, int botId, int pairId, PairInput input, CancellationToken cancellationToken) =>
        await SaveAsync(userId, botId, pairId, input, cancellationToken);

    public async Task<ServiceResult<TradingPair>> DeleteAsync(int userId, int botId, int pairId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pair = await db.TradingPairs.SingleOrDefaultAsync(p => p.Id == pairId && p.BotId == botId && p.Bot!.UserId == userId, cancellationToken);
        if (pair is null)
        {
            return ServiceResult<TradingPair>.Missing();
        }
        if (LeftAnOrder(pair))
        {
            return ServiceResult<TradingPair>.Invalid("Pair", $"{pair.Symbol} {pair.Side}: {OrderLeft} Deactivate the pair first: the bot's next run cancels that order (stopping the bot does too). Then delete it.");
        }
        db.TradingPairs.Remove(pair);
        audit.Add(db, userId, AuditActions.PairDeleted, "trading_pair", pair.Id, $"{pair.Symbol} {pair.Side}");
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.BotChangedAsync(botId, cancellationToken);
        return ServiceResult<TradingPair>.Ok(pair);
    }

    private async Task<ServiceResult<TradingPair>> SaveAsync(int userId, int botId, int? pairId, PairInput input, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bot = await db.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == botId && b.UserId == userId, cancellationToken);
        if (bot is null)
        {
            return ServiceResult<TradingPair>.Missing();
        }
        var errors = new FieldErrors();
        var (settings, config) = Validate(input, errors);
        // Asked before the lock below: it may wait on the exchange, and the lock would hold the bot's other writes meanwhile.
        var symbolProblem = settings is null ? null : await SymbolProblemAsync(bot, settings.Symbol, cancellationToken);

        // The bot's row lock: another add or edit of this bot's pairs waits, so the sibling checks below see its write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await RowLocks.LockBotAsync(db, userId, botId, cancellationToken))
        {
            return ServiceResult<TradingPair>.Missing();
        }
        TradingPair? pair = null;
        if (pairId is { } id)
        {
            pair = await db.TradingPairs.SingleOrDefaultAsync(p => p.Id == id && p.BotId == botId, cancellationToken);
            if (pair is null)
            {
                return ServiceResult<TradingPair>.Missing();
            }
        }
        if (settings is not null && pair is not null && (settings.Symbol != pair.Symbol || settings.Side.ToString() != pair.Side) && LeftAnOrder(pair))
        {
            // The next run would cancel and look up that order on the new symbol, and never find it.
            errors.Add("Symbol", $"{OrderLeft} Deactivate the pair first: the bot's next run cancels that order (stopping the bot does too). Then change its symbol or side.");
        }
        if (settings is not null)
        {
            if (symbolProblem is not null)
            {
                errors.Add("Symbol", symbolProblem);
            }
            var siblings = await db.TradingPairs.AsNoTracking().Where(p => p.BotId == botId && p.Id != (pairId ?? 0)).ToListAsync(cancellationToken);
            if (siblings.Exists(p => p.Symbol == settings.Symbol && p.Side == settings.Side.ToString()))
            {
                errors.Add("Side", $"This bot already has a {settings.Symbol} {settings.Side} pair.");
            }
            if (siblings.Find(p => p.Symbol == settings.Symbol && p.Leverage != settings.Leverage) is { } other)
            {
                errors.Add("Leverage", $"The {settings.Symbol} {other.Side} pair uses {other.Leverage}x: both sides of a symbol share one leverage.");
            }
        }
        if (errors.Count > 0)
        {
            return ServiceResult<TradingPair>.Invalid(errors.ToDictionary());
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (pair is null)
        {
            pair = new TradingPair { BotId = botId, Symbol = settings!.Symbol, Side = settings.Side.ToString(), CreatedAt = now };
            db.TradingPairs.Add(pair);
        }
        pair.Symbol = settings!.Symbol;
        pair.Side = settings.Side.ToString();
        pair.Leverage = settings.Leverage;
        pair.EmaInterval = settings.EmaInterval;
        pair.AutomaticMode = settings.AutomaticMode;
        pair.IsActive = input.IsActive;
        pair.Config = config;
        pair.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await scheduler.BotChangedAsync(botId, cancellationToken);
        return ServiceResult<TradingPair>.Ok(pair);
    }

    /// <summary>Why the symbol cannot trade on the bot's venue, or null when it can.</summary>
    private async Task<string?> SymbolProblemAsync(Bot bot, string symbol, CancellationToken cancellationToken)
    {
        var (check, listed) = await symbols.CheckAsync(bot.Exchange, bot.Testnet, symbol, cancellationToken);
        if (check == SymbolCheck.NotListed)
        {
            var hint = listed.Count is > 0 and <= 12 ? $" Available: {string.Join(", ", listed)}." : string.Empty;
            return $"{symbol} is not a perpetual contract on {(bot.Exchange == Data.Entities.Exchanges.Paper ? "the paper market" : "Phemex")}.{hint}";
        }
        return check == SymbolCheck.Unknown ? "The exchange could not be reached to check the symbol; try again in a minute." : null;
    }

    private const string OrderLeft = "The pair's last run left an order that may still rest on the exchange.";

    /// <summary>Its state names an order the next run (or the bot's closing pass) has to cancel and book.</summary>
    private static bool LeftAnOrder(TradingPair pair) => PairState.NamesOrdersIn(pair.AlertState);

    /// <summary>The pair's settings and the config JSON to store, or null with errors added.</summary>
    internal static (PairSettings? Settings, string? Config) Validate(PairInput input, FieldErrors errors)
    {
        var symbol = PairSettings.NormalizeSymbol(input.Symbol) ?? string.Empty;
        if (!PairSettings.IsValidSymbol(symbol))
        {
            errors.Add("Symbol", "Enter a symbol of 3–20 letters or digits, such as BTCUSDT.");
        }
        PositionSide side = default;
        if (!SideExtensions.TryParsePositionSide(input.Side?.Trim(), out side))
        {
            errors.Add("Side", "Choose Long or Short.");
        }
        var leverage = input.Leverage ?? PairSettings.DefaultLeverage;
        if (leverage is < PairSettings.MinLeverage or > PairSettings.MaxLeverage)
        {
            errors.Add("Leverage", $"Choose a leverage from {PairSettings.MinLeverage} to {PairSettings.MaxLeverage}.");
        }
        var interval = input.EmaInterval ?? PairSettings.DefaultEmaInterval;
        if (!CandleInterval.IsEmaInterval(interval))
        {
            errors.Add("EmaInterval", $"Choose an EMA interval of {CandleInterval.EmaIntervalList} minutes.");
        }
        var strategy = MartingaleSettingsJson.Parse(input.ConfigJson);
        foreach (var error in strategy.Errors)
        {
            errors.Add(error.Field == "config" ? "Config" : $"Config.{error.Field}", $"{error.Field}: {error.Message}");
        }
        if (errors.Count > 0)
        {
            return (null, null);
        }
        var settings = new PairSettings(symbol, side, leverage, interval, input.AutomaticMode, strategy.Value!);
        return (settings, MartingaleSettingsJson.Write(strategy.Value!));
    }
}
