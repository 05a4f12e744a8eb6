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
        // Indexed loops: an enumerator over the interface is an allocation per loop per run.
        for (var i = 0; i < bot.Pairs.Count; i++)
        {
            var pair = bot.Pairs[i];
            var state = pairStates[pair.Key];
            var changed = cleared?.Contains(pair.Key) == true;
            if (state is { PendingLookups.Count: > 0 } && !failures.ContainsKey(pair.Settings.Symbol))
            {
                var found = new List<OrderInfo>();
                state = await LookUpAsync(account, pair, state, found, cancellationToken);
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
    /// Cancels each pair's own resting order by its client order id, never the symbol's other orders (another bot on the
    /// same account, or the trader's own), and moves it to the pending look-ups (in memory; <see cref="SettleAsync"/>
    /// saves). A crash before the save leaves the order named, so the next run cancels again. A pair never seen before
    /// cancels what an earlier process left for it: its own ids (a lost state) and the predecessor's (<c>order_…</c>).
    /// </summary>
    /// <returns>The keys of the pairs whose state the cancels changed; null when nothing was cancelled.</returns>
    private async ValueTask<HashSet<string>?> CancelAsync(BotConfiguration bot, ITradingAccount account, Dictionary<string, PairState?> pairStates, Dictionary<string, ExchangeException> failures, CancellationToken cancellationToken)
    {
        HashSet<string>? changed = null; // a loop, no LINQ: most runs cancel nothing
        for (var i = 0; i < bot.Pairs.Count; i++)
        {
            var pair = bot.Pairs[i];
            var symbol = pair.Settings.Symbol;
            var state = pairStates[pair.Key];
            if (state is { OpenOrderId: null } || failures.ContainsKey(symbol))
            {
                continue;
            }
            try
            {
                pairStates[pair.Key] = state is null
                    ? await CancelLeftoversAsync(account, pair, cancellationToken)
                    : await CancelOwnAsync(account, pair, state, state.OpenOrderId!, cancellationToken);
                (changed ??= new HashSet<string>(StringComparer.Ordinal)).Add(pair.Key);
            }
            catch (ExchangeException e)
            {
                // The symbol's other pairs wait too: they would trade beside an order whose fate is unknown.
                failures[symbol] = e;
            }
        }
        return changed;
    }

    private async ValueTask<PairState> CancelOwnAsync(ITradingAccount account, PairConfiguration pair, PairState state, string clientOrderId, CancellationToken cancellationToken)
    {
        if (await account.CancelOrderAsync(pair.Settings.Symbol, pair.Settings.Side, clientOrderId, cancellationToken))
        {
            LogCancelled(logger, clientOrderId, pair.Settings.Symbol);
        }
        return state with { OpenOrderId = null, PendingLookups = [new PendingLookup(clientOrderId, 0), .. state.PendingLookups] };
    }

    private async ValueTask<PairState> CancelLeftoversAsync(ITradingAccount account, PairConfiguration pair, CancellationToken cancellationToken)
    {
        var symbol = pair.Settings.Symbol;
        var own = $"dt-{pair.Key}-";
        var lookups = new List<PendingLookup>();
        foreach (var clientOrderId in await account.GetOpenClientOrderIdsAsync(symbol, cancellationToken))
        {
            var isOwn = clientOrderId.StartsWith(own, StringComparison.Ordinal);
            if (!isOwn && !clientOrderId.StartsWith(PredecessorOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (await account.CancelOrderAsync(symbol, pair.Settings.Side, clientOrderId, cancellationToken))
            {
                LogCancelled(logger, clientOrderId, symbol);
            }
            if (isOwn)
            {
                // Its fill, if any, belongs in this pair's trade history.
                lookups.Add(new PendingLookup(clientOrderId, 0));
            }
        }
        return new PairState { PendingLookups = lookups };
    }

    /// <summary>The Python bot's client order ids: <c>order_</c> and the time in milliseconds.</summary>
    private const string PredecessorOrderPrefix = "order_";

    /// <summary>
    /// How the state's pending orders ended (filled or cancelled): found ones are added to <paramref name="found"/>; the
    /// others stay pending until <see cref="PendingLookup.MaxAttempts"/> look-ups found nothing.
    /// </summary>
    private async Task<PairState> LookUpAsync(ITradingAccount account, PairConfiguration pair, PairState state, List<OrderInfo> found, CancellationToken cancellationToken)
    {
        var left = new List<PendingLookup>();
        foreach (var pending in state.PendingLookups)
        {
            OrderInfo? order = null;
            try
            {
                // It was cancelled (by this run or an earlier one): it is closed, so only the history is searched.
                order = await account.FindClosedOrderAsync(pair.Settings.Symbol, pair.Settings.Side, pending.ClientOrderId, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled order {ClientOrderId} on {Symbol}")]
    private static partial void LogCancelled(ILogger logger, string clientOrderId, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up order {ClientOrderId}: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string clientOrderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {ClientOrderId} was not found after {Attempts} look-ups: it was never sent, or its end is missing from the trade history")]
    private static partial void LogLookupGivenUp(ILogger logger, string clientOrderId, int attempts);
}
