namespace DipTrader.Testing.FakePhemex;

public enum FakeFaultKind
{
    /// <summary>Answer an HTTP error status without touching any state.</summary>
    HttpError,

    /// <summary>HTTP 429 with <c>x-ratelimit-retry-after</c>, code 39995.</summary>
    RateLimited,

    /// <summary>Hold the request without answering (the client times out).</summary>
    Hang,

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>HTTP 200 with a non-zero business code.</summary>
    BusinessError,

    /// <summary>Carry the request out (e.g. book the order), then answer an HTTP error status.</summary>
    AcceptThenHttpError,

    /// <summary>Carry the request out, then hang instead of answering.</summary>
    AcceptThenHang,

    /// <summary>Wait <see cref="FakeFault.Delay"/>, then answer normally (a slow but healthy exchange).</summary>
    Slow,
}

/// <summary>A failure the fake injects instead of (or after) the normal answer.</summary>
public sealed record FakeFault(FakeFaultKind Kind, int HttpStatus = 500, int Code = 0, string Message = "", TimeSpan? RetryAfter = null, TimeSpan Delay = default)
{
    public static FakeFault ServerError(int httpStatus = 500) => new(FakeFaultKind.HttpError, httpStatus);

    public static FakeFault RateLimited(TimeSpan retryAfter) => new(FakeFaultKind.RateLimited, 429, 39995, "Too many requests.", retryAfter);

    public static FakeFault Hang() => new(FakeFaultKind.Hang);

    public static FakeFault MalformedJson() => new(FakeFaultKind.MalformedJson, 200);

    public static FakeFault BusinessError(int code, string message) => new(FakeFaultKind.BusinessError, 200, code, message);

    /// <summary>The unknown-outcome case: the order is booked, the client sees a 5xx.</summary>
    public static FakeFault AcceptThenServerError(int httpStatus = 500) => new(FakeFaultKind.AcceptThenHttpError, httpStatus);

    /// <summary>The unknown-outcome case: the order is booked, the client sees a timeout.</summary>
    public static FakeFault AcceptThenHang() => new(FakeFaultKind.AcceptThenHang);

    /// <summary>The request is answered normally, <paramref name="delay"/> late.</summary>
    public static FakeFault Slow(TimeSpan delay) => new(FakeFaultKind.Slow, 200, Delay: delay);

    internal bool ActsAfterProcessing => Kind is FakeFaultKind.AcceptThenHttpError or FakeFaultKind.AcceptThenHang;
}

/// <summary>Faults for the next requests, each optionally limited to a method and path; first match wins.</summary>
public sealed class FakePhemexFaults
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>Injects <paramref name="fault"/> into the next <paramref name="count"/> matching requests.</summary>
    /// <param name="method">"GET", "POST", …; null matches any.</param>
    /// <param name="path">An exact path such as "/g-orders"; null matches any.</param>
    /// <param name="apiKey">Only requests signed with this key; null matches any (public requests too).</param>
    public void Next(FakeFault fault, int count = 1, string? method = null, string? path = null, string? apiKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _rules.Add(new Rule(fault, count, method, path, apiKey));
        }
    }

    /// <summary>Faults not yet used.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FakeFault? Take(string method, string path, string? apiKey)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Matches(method, path, apiKey));
            if (rule is null)
            {
                return null;
            }
            if (--rule.Remaining == 0)
            {
                _rules.Remove(rule);
            }
            return rule.Fault;
        }
    }

    private sealed class Rule(FakeFault fault, int count, string? method, string? path, string? apiKey)
    {
        public FakeFault Fault { get; } = fault;

        public int Remaining { get; set; } = count;

        public bool Matches(string requestMethod, string requestPath, string? requestKey) =>
            (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
            && (path is null || string.Equals(path, requestPath, StringComparison.Ordinal))
            && (apiKey is null || string.Equals(apiKey, requestKey, StringComparison.Ordinal));
    }
}
