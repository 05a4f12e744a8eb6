namespace DipTrader.Testing.FakePhemex;

/// <summary>One request as the fake received it, and how it answered.</summary>
public sealed class FakeRequest
{
    private int _status;

    internal FakeRequest(DateTimeOffset receivedAt, string method, string path, string query, string body, string? apiKey, string? expiry, string? signature)
    {
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        ApiKey = apiKey;
        Expiry = expiry;
        Signature = signature;
    }

    public DateTimeOffset ReceivedAt { get; }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The raw query string, without '?'.</summary>
    public string Query { get; }

    public string Body { get; }

    /// <summary>The <c>x-phemex-access-token</c> header, when sent.</summary>
    public string? ApiKey { get; }

    public string? Expiry { get; }

    public string? Signature { get; }

    /// <summary>The HTTP status answered; 0 while the request is still open (or was hung up on).</summary>
    public int Status
    {
        get => Volatile.Read(ref _status);
        internal set => Volatile.Write(ref _status, value);
    }

    /// <summary>The fault injected into this request, if any.</summary>
    public FakeFaultKind? Fault { get; internal set; }

    public bool Is(string method, string path) =>
        string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(Path, path, StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} -> {Status}";
}

/// <summary>Every request the fake received, in arrival order.</summary>
public sealed class FakeRequestLog
{
    private readonly Lock _gate = new();
    private readonly List<FakeRequest> _requests = [];

    public IReadOnlyList<FakeRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<FakeRequest> Matching(string method, string path) => [.. All.Where(r => r.Is(method, path))];

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal void Add(FakeRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
