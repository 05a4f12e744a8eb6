using System.Collections.Frozen;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// The listed contracts of one network, fetched at most once per cache period however many bots ask at once
/// (the products answer is hundreds of contracts long).
/// </summary>
internal sealed class PhemexProductCache(TimeSpan lifetime, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    public async ValueTask<Snapshot> GetAsync(Func<CancellationToken, ValueTask<PhemexProducts>> fetch, CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }
            var products = await fetch(cancellationToken);
            var instruments = products.Instruments;
            var snapshot = new Snapshot(instruments, instruments.ToFrozenDictionary(i => i.Symbol, StringComparer.Ordinal), products.Unusable, time.GetUtcNow() + lifetime);
            Volatile.Write(ref _current, snapshot);
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private Snapshot? Fresh()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && time.GetUtcNow() < current.ExpiresAt ? current : null;
    }

    /// <param name="Unusable">Listed contracts that cannot be traded, with the reason.</param>
    internal sealed record Snapshot(IReadOnlyList<Instrument> All, FrozenDictionary<string, Instrument> BySymbol, IReadOnlyDictionary<string, string> Unusable, DateTimeOffset ExpiresAt);
}
