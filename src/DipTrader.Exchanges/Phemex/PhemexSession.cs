namespace DipTrader.Exchanges.Phemex;

/// <summary>Where and as whom requests go: the base URL, the network and, for private calls, the key.</summary>
internal sealed class PhemexSession(Uri baseUrl, bool testnet, PhemexCredentials? credentials)
{
    private static readonly HttpRequestOptionsKey<PhemexSession> OptionsKey = new("DipTrader.Phemex.Session");

    public Uri BaseUrl { get; } = baseUrl;

    public bool Testnet { get; } = testnet;

    public PhemexCredentials? Credentials { get; } = credentials;

    /// <summary>Who a rate-limit budget belongs to, safe to log: the key's fingerprint, or "public" for unsigned calls.</summary>
    public string Identity => Credentials?.Fingerprint ?? (Testnet ? "public-testnet" : "public");

    public void AttachTo(HttpRequestMessage request) => request.Options.Set(OptionsKey, this);

    public static PhemexSession? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(OptionsKey, out var session) ? session : null;

    public string Redact(string text) => Credentials?.Redact(text) ?? text;

    public override string ToString() => Credentials?.ToString() ?? (Testnet ? "Phemex public (testnet)" : "Phemex public");
}
