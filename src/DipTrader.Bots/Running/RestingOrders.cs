using DipTrader.Bots.Configuration;
using DipTrader.Exchanges;
using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Running;

/// <summary>
/// The start of a bot run: cancel what earlier runs may have left resting, and learn how their orders ended, for the
/// trade history. An order whose end cannot be learned yet (the look-up fails, or the history does not show it) stays
/// pending in the pair's state and later runs look again.
/// </summary>
internal sealed partial class RestingOrders(IPairStateStore states, ILogger logger)
{
    /// <summary>
    /// Cancels, then looks up every pending order of each pair whose symbol did not fail, and saves each state that
    /// changed once. A symbol whose cancel fails goes into <paramref name="failures"/>; its pairs keep their state.
    /// </summary>
    /// <returns>Per pair key, the orders whose end this run learned (absent when none).</returns>
    public async ValueTask<IReadOnlyDictionary<string, List<OrderInfo>>> SettleAsync(BotConfiguration bot, ITradingAccount account, Dictionary<string, PairState?> pairStates, Dictionary<string, ExchangeException> failures, CancellationToken cancellationToken)
    {
        var cleared = await CancelAsync(bot, account, pairStates, failures, cancellationToken);
        Dictionary<string, List<OrderInfo>>? settled = null; // most runs learn of no order: no dictionary for them
        foreach (var pair in bot.Pairs)
        {
            var state = pairStates[pair.Key];
            var changed = cleared?.Contains(pair.Key) == true;
            if (state is { PendingLookups.Count: > 0 } && !failures.ContainsKey(pair.Settings.Symbol))
            {
                var found = new List<OrderInfo>();
                state = await LookUpAsync(account, pair.Settings.Symbol, state, found, cancellationToken);
                if (found.Count > 0)
                {
                    (settled ??= new Dictionary<string, List<OrderInfo>>(StringComparer.Ordinal))[pair.Key] = found;
                }
                changed = true;
            }
            if (changed)
            {
                pairStates[pair.Key] = state;
                await states.SaveAsync(pair, state!, cancellationToken);
            }
        }
        return settled ?? NoneSettled;
    }

    private static readonly IReadOnlyDictionary<string, List<OrderInfo>> NoneSettled = new Dictionary<string, List<OrderInfo>>();

    /// <summary>
    /// Cancels each symbol that needs it once, and moves each of its pairs' open order to the pending look-ups (in memory;
    /// <see cref="SettleAsync"/> saves). A crash before the save leaves the order named, so the next run cancels again.
    /// </summary>
    /// <returns>The keys of the pairs whose state the cancels changed; null when nothing was cancelled.</returns>
    private async ValueTask<HashSet<string>?> CancelAsync(BotConfiguration bot, ITradingAccount account, Dictionary<string, PairState?> pairStates, Dictionary<string, ExchangeException> failures, CancellationToken cancellationToken)
    {
        // A pair never seen before may have orders from an earlier process: cancel everything on its symbol, as the
        // predecessor did on every run. A pair seen before had at most its own limit order resting: cancelling the
        // active orders is enough, and a trader's own conditional orders (a stop) stay. Each symbol once, in the
        // order of its first pair that needs it (a loop: most runs cancel nothing).
        HashSet<string>? cleared = null;
        for (var i = 0; i < bot.Pairs.Count; i++)
        {
            var symbol = bot.Pairs[i].Settings.Symbol;
            if (!NeedsCancel(bot.Pairs[i], pairStates) || CancelledBefore(bot.Pairs, i, pairStates))
            {
                continue;
            }
            try
            {
                var cancelled = AllPairsKnown(bot.Pairs, symbol, pairStates)
                    ? await account.CancelActiveOrdersAsync(symbol, cancellationToken)
                    : await account.CancelAllOrdersAsync(symbol, cancellationToken);
                LogCancelled(logger, symbol, cancelled);
            }
            catch (ExchangeException e)
            {
                failures[symbol] = e;
                continue;
            }
            foreach (var pair in bot.Pairs)
            {
                if (pair.Settings.Symbol != symbol)
                {
                    continue;
                }
                var state = pairStates[pair.Key] ?? new PairState();
                pairStates[pair.Key] = state.OpenOrderId is { } previous
                    ? state with { OpenOrderId = null, PendingLookups = [new PendingLookup(previous, 0), .. state.PendingLookups] }
                    : state;
                (cleared ??= new HashSet<string>(StringComparer.Ordinal)).Add(pair.Key);
            }
        }
        return cleared;
    }

    private static bool AllPairsKnown(IReadOnlyList<PairConfiguration> pairs, string symbol, Dictionary<string, PairState?> pairStates)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Settings.Symbol == symbol && pairStates[pairs[i].Key] is null)
            {
                return false;
            }
        }
        return true;
    }

    private static bool NeedsCancel(PairConfiguration pair, Dictionary<string, PairState?> pairStates) => pairStates[pair.Key] is not { OpenOrderId: null };

    /// <summary>
    /// Whether an earlier pair on the same symbol still needs a cancel: its cancel was tried and failed, and a
    /// symbol is tried once per run. (A successful cancel cleared every pair of the symbol.)
    /// </summary>
    private static bool CancelledBefore(IReadOnlyList<PairConfiguration> pairs, int index, Dictionary<string, PairState?> pairStates)
    {
        var symbol = pairs[index].Settings.Symbol;
        for (var i = 0; i < index; i++)
        {
            if (pairs[i].Settings.Symbol == symbol && NeedsCancel(pairs[i], pairStates))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// How the state's pending orders ended (filled or cancelled): found ones are added to <paramref name="found"/>; the
    /// others stay pending until <see cref="PendingLookup.MaxAttempts"/> look-ups found nothing.
    /// </summary>
    private async Task<PairState> LookUpAsync(ITradingAccount account, string symbol, PairState state, List<OrderInfo> found, CancellationToken cancellationToken)
    {
        var left = new List<PendingLookup>();
        foreach (var pending in state.PendingLookups)
        {
            OrderInfo? order = null;
            try
            {
                // Its symbol's orders were cancelled (by this run or an earlier one): it is closed, so only the history is searched.
                order = await account.FindClosedOrderAsync(symbol, pending.ClientOrderId, cancellationToken);
            }
            catch (ExchangeException e)
            {
                LogLookupFailed(logger, pending.ClientOrderId, e.Error.ToString());
            }
            if (order is not null)
            {
                found.Add(order);
            }
            else if (pending.Attempts + 1 < PendingLookup.MaxAttempts)
            {
                left.Add(pending with { Attempts = pending.Attempts + 1 });
            }
            else
            {
                LogLookupGivenUp(logger, pending.ClientOrderId, PendingLookup.MaxAttempts);
            }
        }
        return state with { PendingLookups = left };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Count} open orders on {Symbol}")]
    private static partial void LogCancelled(ILogger logger, string symbol, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up order {ClientOrderId}: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string clientOrderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {ClientOrderId} was not found after {Attempts} look-ups: it was never sent, or its end is missing from the trade history")]
    private static partial void LogLookupGivenUp(ILogger logger, string clientOrderId, int attempts);
}
