namespace DipTrader.Exchanges.Caching;

/// <summary>
/// A small cache where concurrent misses for one key share one fetch, and failures are never kept. An entry
/// serves a request while it has not expired and was fetched for at least the request's demand (e.g. a
/// candle limit); a larger demand fetches again and replaces it.
/// </summary>
internal sealed class SingleFlightCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <param name="expiresAt">When a value fetched now stops serving requests.</param>
    /// <param name="fetch">Fetches the value; static, with its inputs in <paramref name="state"/>, so a hit allocates nothing.</param>
    /// <param name="refineExpiry">Given the fetched value and <paramref name="expiresAt"/>, the expiry to keep instead.</param>
    public Task<TValue> GetOrFetch<TState>(
        TKey key,
        int demand,
        DateTimeOffset now,
        DateTimeOffset expiresAt,
        TState state,
        Func<TState, ValueTask<TValue>> fetch,
        Func<TState, TValue, DateTimeOffset, DateTimeOffset>? refineExpiry = null)
    {
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var cached) && cached.Serves(demand, now))
            {
                return cached.Task;
            }
            entry = new Entry(demand, expiresAt);
            _entries[key] = entry;
        }
        _ = FillAsync(key, entry, state, fetch, refineExpiry);
        return entry.Task;
    }

    private async Task FillAsync<TState>(
        TKey key,
        Entry entry,
        TState state,
        Func<TState, ValueTask<TValue>> fetch,
        Func<TState, TValue, DateTimeOffset, DateTimeOffset>? refineExpiry)
    {
        try
        {
            var value = await fetch(state);
            if (refineExpiry is not null)
            {
                entry.ExpiresAt = refineExpiry(state, value, entry.ExpiresAt);
            }
            entry.Complete(value);
        }
        catch (Exception failure)
        {
            // Forget the entry before anyone sees the failure, so the next request fetches again.
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                }
            }
            entry.Fail(failure);
        }
    }

    private sealed class Entry(int demand, DateTimeOffset expiresAt)
    {
        private readonly TaskCompletionSource<TValue> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _expiresAtTicks = expiresAt.UtcTicks;

        public Task<TValue> Task => _source.Task;

        public DateTimeOffset ExpiresAt
        {
            get => new(Volatile.Read(ref _expiresAtTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _expiresAtTicks, value.UtcTicks);
        }

        public bool Serves(int wanted, DateTimeOffset now) =>
            wanted <= demand && now < ExpiresAt && !Task.IsFaulted && !Task.IsCanceled;

        public void Complete(TValue value) => _source.SetResult(value);

        public void Fail(Exception failure)
        {
            if (failure is OperationCanceledException canceled)
            {
                _source.SetCanceled(canceled.CancellationToken);
            }
            else
            {
                _source.SetException(failure);
            }
        }
    }
}
