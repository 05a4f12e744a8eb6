namespace DipTrader.Testing.FakePhemex;

/// <summary>The fake's whole state behind one lock: market, accounts, rate-limit logs.</summary>
internal sealed class FakeExchange(FakePhemexOptions options)
{
    public Lock Sync { get; } = new();

    public FakePhemexOptions Options { get; } = options;

    public FakeMarket Market { get; } = new();

    public FakeRateLimiter Limiter { get; } = new(options);

    public Dictionary<string, FakeAccount> Accounts { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Options.Clock.GetUtcNow();
}

/// <summary>A request as the endpoints see it: raw path and query, parsed query values, body, the signed-in account.</summary>
internal sealed record FakeCall(string Method, string Path, string Query, byte[] Body, FakeAccount? Account)
{
    private readonly Dictionary<string, string> _values = Parse(Query);

    public string? this[string name] => _values.GetValueOrDefault(name);

    private static Dictionary<string, string> Parse(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            values.TryAdd(name, equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
        return values;
    }
}

/// <summary>What an endpoint answers; the server wraps it in the envelope the path calls for.</summary>
internal sealed record FakeReply(int Status, int Code, string Message, object? Data, bool CodeAsText = false, bool Bare = false)
{
    public static FakeReply Ok(object? data) => new(200, 0, "", data);

    /// <summary>The payload alone, without envelope (the order history's documented bare array).</summary>
    public static FakeReply BareJson(object data) => new(200, 0, "", data, Bare: true);

    public static FakeReply Error(int code, string message, int status = 200) => new(status, code, message, null);

    public static FakeReply MissingParameter(string name) => Error(412, $"Missing parameter - {name}");

    public static FakeReply BadArguments(string detail) => Error(30000, $"Please double check input arguments: {detail}");
}
