using DipTrader.Bots.Running;
using DipTrader.Data;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// A Phemex bot moving to another exchange account: the other network, or keys that may belong to another account.
/// Its pairs' states describe the old account. An order they name would be cancelled and looked up on the new one and
/// never found, so the move waits until none is named; the leverage they remember was set on the old account, so the
/// move forgets it and the next run sets it on the new one.
/// </summary>
internal static class ExchangeAccountChange
{
    /// <summary>
    /// Forgets each pair's exchange leverage, or answers the pairs ("BTCUSDT Long") whose state names an order that may
    /// still rest on the old account, changing nothing. Call inside the transaction that holds the bot's row lock.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForgetOldAccountAsync(DipTraderDbContext db, int botId, CancellationToken cancellationToken)
    {
        var pairs = await db.TradingPairs.AsNoTracking().Where(p => p.BotId == botId)
            .Select(p => new { p.Id, p.Symbol, p.Side, p.AlertState }).ToListAsync(cancellationToken);
        var resting = pairs.Where(p => PairState.NamesOrdersIn(p.AlertState)).Select(p => $"{p.Symbol} {p.Side}").ToList();
        if (resting.Count > 0)
        {
            return resting;
        }
        foreach (var pair in pairs)
        {
            // A run reads the leverage from the column, then from the state's JSON: both forget it.
            var state = PairState.FromJson(pair.AlertState);
            var forgotten = state is null ? pair.AlertState : (state with { ExchangeLeverage = null }).ToJson();
            // Only over the state read above: a run that saved another meanwhile (it may name a new order) is kept.
            var written = await db.TradingPairs.Where(p => p.Id == pair.Id && p.AlertState == pair.AlertState)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.AlertState, forgotten).SetProperty(p => p.ExchangeLeverage, (int?)null), cancellationToken);
            if (written == 0)
            {
                return [$"{pair.Symbol} {pair.Side}"];
            }
        }
        return [];
    }

    /// <summary>Why the change waits, and what to do: <paramref name="change"/> is "change the network" or "replace the keys".</summary>
    public static string OrdersMayRest(IReadOnlyList<string> pairs, string change) =>
        $"The last run of {string.Join(", ", pairs)} left an order that may still rest on the exchange, and after this change the bot would never find it. " +
        $"Stop the bot first: its closing pass cancels that order (give it a few seconds). Then {change}.";
}
