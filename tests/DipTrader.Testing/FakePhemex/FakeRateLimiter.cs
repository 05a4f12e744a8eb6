namespace DipTrader.Testing.FakePhemex;

/// <summary>
/// Phemex's budgets as the fake enforces them: per API key and group (Contract for <c>/g-…</c>, Others for the
/// rest; weighted) and per client IP. A sliding log over the server's clock. Callers hold the server's lock.
/// </summary>
internal sealed class FakeRateLimiter(FakePhemexOptions options)
{
    private readonly Dictionary<string, SpendLog> _logs = new(StringComparer.Ordinal);

    /// <summary>A budget's verdict; headers for the group in <see cref="HeaderSuffix"/> (empty for Others).</summary>
    public readonly record struct Verdict(bool Allowed, int Capacity, int Remaining, int RetryAfterSeconds, string HeaderSuffix);

    public static bool IsContract(string path) => path.StartsWith("/g-", StringComparison.Ordinal);

    public int WeightOf(string path) => path switch
    {
        "/g-accounts/positions" => 25,
        "/g-orders/all" => 3,
        _ when path.StartsWith("/exchange/public/md/", StringComparison.Ordinal) && path.Contains("/kline", StringComparison.Ordinal) => options.KlineWeight,
        _ => 1,
    };

    public Verdict SpendForKey(string apiKey, string path, DateTimeOffset now)
    {
        var contract = IsContract(path);
        var capacity = contract ? options.ContractCapacity : options.OthersCapacity;
        return Spend($"key:{apiKey}:{(contract ? "contract" : "others")}", WeightOf(path), capacity, options.RateLimitWindow, now, contract ? "-contract" : "");
    }

    public Verdict SpendForIp(string ip, DateTimeOffset now) => Spend($"ip:{ip}", 1, options.IpCapacity, options.IpWindow, now, "");

    private Verdict Spend(string budget, int weight, int capacity, TimeSpan window, DateTimeOffset now, string suffix)
    {
        if (!_logs.TryGetValue(budget, out var log))
        {
            _logs[budget] = log = new SpendLog();
        }
        log.Forget(now - window);
        if (log.Spent + weight > capacity)
        {
            return new Verdict(false, capacity, (int)Math.Max(0, capacity - log.Spent), log.RetryAfter(log.Spent + weight - capacity, window, now), suffix);
        }
        log.Add(now, weight);
        var remaining = (int)(capacity - log.Spent);
        // With nothing left, say when the oldest spend ages out, as Phemex's retry-after header does.
        return new Verdict(true, capacity, remaining, remaining == 0 ? log.RetryAfter(1, window, now) : 0, suffix);
    }

    /// <summary>The spends of one budget still inside its window, and their running total.</summary>
    private sealed class SpendLog
    {
        private readonly Queue<(DateTimeOffset At, int Weight)> _entries = new();

        public long Spent { get; private set; }

        public void Add(DateTimeOffset at, int weight)
        {
            _entries.Enqueue((at, weight));
            Spent += weight;
        }

        public void Forget(DateTimeOffset before)
        {
            while (_entries.TryPeek(out var oldest) && oldest.At <= before)
            {
                Spent -= _entries.Dequeue().Weight;
            }
        }

        public int RetryAfter(long needed, TimeSpan window, DateTimeOffset now)
        {
            long freed = 0;
            foreach (var (at, weight) in _entries)
            {
                freed += weight;
                if (freed >= needed)
                {
                    return Math.Max(1, (int)Math.Ceiling((at + window - now).TotalSeconds));
                }
            }
            return Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
        }
    }
}
