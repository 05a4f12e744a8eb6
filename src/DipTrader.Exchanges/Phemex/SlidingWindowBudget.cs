using System.Threading.RateLimiting;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// A weighted sliding-log rate limiter: at most <c>capacity</c> weight within any span of <c>window</c>
/// (exact, unlike segment-based windows that can let twice the budget through across a boundary), plus a pause
/// the venue can impose (HTTP 429, an exhausted <c>x-ratelimit-remaining</c>). Waiting, not rejecting, is the
/// point: <see cref="RateLimiter.AcquireAsync"/> returns once the request may go. Time comes from a
/// <see cref="TimeProvider"/> so tests can drive it.
/// </summary>
internal sealed class SlidingWindowBudget(long capacity, TimeSpan window, TimeProvider time) : RateLimiter
{
    /// <summary>A budget that only honours pauses (unsigned calls, which no per-key budget covers).</summary>
    public static SlidingWindowBudget PausesOnly(TimeProvider time) => new(long.MaxValue, TimeSpan.FromSeconds(1), time);

    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, int Weight)> _spent = new();
    private long _inWindow;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUse = time.GetUtcNow();
    private long _waiting;
    private long _granted;
    private long _refused;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                return _spent.Count == 0 && Interlocked.Read(ref _waiting) == 0 ? time.GetUtcNow() - _lastUse : null;
            }
        }
    }

    /// <summary>Holds every request back until <paramref name="until"/> (a later pause wins).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Math.Max(0, capacity - _inWindow),
                CurrentQueuedCount = Interlocked.Read(ref _waiting),
                TotalSuccessfulLeases = Interlocked.Read(ref _granted),
                TotalFailedLeases = Interlocked.Read(ref _refused),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var wait = TryTake(permitCount);
        if (wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _refused);
            return new BudgetLease(false, wait);
        }
        return new BudgetLease(true, null);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            while (true)
            {
                var wait = TryTake(permitCount);
                if (wait <= TimeSpan.Zero)
                {
                    return new BudgetLease(true, null);
                }
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Spends <paramref name="permitCount"/> now and returns zero, or returns how long to wait.</summary>
    private TimeSpan TryTake(int permitCount)
    {
        // A weight above the whole budget could never go; let it take the whole budget instead.
        var weight = Math.Clamp(permitCount, 0, capacity);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_spent.TryPeek(out var oldest) && oldest.At + window <= now)
            {
                _spent.Dequeue();
                _inWindow -= oldest.Weight;
            }
            var wait = _pausedUntil - now;
            if (_inWindow + weight > capacity)
            {
                wait = Max(wait, TimeUntilFreed(now, _inWindow + weight - capacity));
            }
            if (wait > TimeSpan.Zero)
            {
                return Max(wait, TimeSpan.FromMilliseconds(1));
            }
            if (weight > 0 && capacity != long.MaxValue)
            {
                _spent.Enqueue((now, (int)weight));
                _inWindow += weight;
            }
            _lastUse = now;
            Interlocked.Increment(ref _granted);
            return TimeSpan.Zero;
        }
    }

    private TimeSpan TimeUntilFreed(DateTimeOffset now, long needed)
    {
        long freed = 0;
        foreach (var (at, weight) in _spent)
        {
            freed += weight;
            if (freed >= needed)
            {
                return at + window - now;
            }
        }
        return window;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class BudgetLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
