using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;

namespace DipTrader.Bots.Backtesting;

/// <summary>Pair states kept in memory for the length of one backtest.</summary>
public sealed class InMemoryPairStateStore : IPairStateStore
{
    private readonly Dictionary<string, PairState> _states = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, PairState>> LoadAsync(IReadOnlyList<PairConfiguration> pairs, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, PairState>>(_states);

    public Task SaveAsync(PairConfiguration pair, PairState state, CancellationToken cancellationToken)
    {
        _states[pair.Key] = state;
        return Task.CompletedTask;
    }
}
