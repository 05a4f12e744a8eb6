using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;
using DipTrader.Data;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Bots.Recording;

/// <summary>Pair states in <c>trading_pairs.alert_state</c> and <c>exchange_leverage</c> (database mode).</summary>
public sealed class DatabasePairStateStore(IDbContextFactory<DipTraderDbContext> contexts) : IPairStateStore
{
    public async Task<IReadOnlyDictionary<string, PairState>> LoadAsync(IReadOnlyList<PairConfiguration> pairs, CancellationToken cancellationToken)
    {
        var ids = pairs.Where(p => p.PairId is not null).Select(p => p.PairId!.Value).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TradingPairs.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.AlertState, p.ExchangeLeverage }).ToListAsync(cancellationToken);
        var states = new Dictionary<string, PairState>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var row = rows.Find(r => r.Id == pair.PairId);
            if (PairState.FromJson(row?.AlertState) is { } state)
            {
                states[pair.Key] = state with { ExchangeLeverage = row!.ExchangeLeverage ?? state.ExchangeLeverage };
            }
        }
        return states;
    }

    public async Task SaveAsync(PairConfiguration pair, PairState state, CancellationToken cancellationToken)
    {
        if (pair.PairId is not { } id)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = state.ToJson();
        await db.TradingPairs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.AlertState, json)
            .SetProperty(p => p.ExchangeLeverage, state.ExchangeLeverage), cancellationToken);
    }
}
