using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;

namespace DipTrader.Bots.Backtesting;

/// <summary>Pair states kept in memory for the length of one backtest.</summary>
public sealed class InMemoryPairStateStore : IPairStateStore
{
    private readonly Dictionary<string, PairState> _states = new(StringComparer.Ordinal);

    // Loading answers the live dictionary, so one completed task serves every run.
    private readonly Task<IReadOnlyDictionary<string, PairState>> _loaded;

    public InMemoryPairStateStore()
    {
        _loaded = Task.FromResult<IReadOnlyDictionary<string, PairState>>(_states);
    }

    public Task<IReadOnlyDictionary<string, PairState>> LoadAsync(IReadOnlyList<PairConfiguration> pairs, CancellationToken cancellationToken) => _loaded;

    public Task SaveAsync(PairConfiguration pair, PairState state, CancellationToken cancellationToken)
    {
        _states[pair.Key] = state;
        return Task.CompletedTask;
    }
}
