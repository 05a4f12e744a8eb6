namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Settings of the Phemex client, bound from the <c>Phemex</c> configuration section and validated at start.
/// Every time span is a <see cref="TimeSpan"/> ("00:00:10" in configuration).
/// </summary>
public sealed class PhemexOptions
{
    public const string SectionName = "Phemex";

    public Uri MainnetBaseUrl { get; set; } = new("https://api.phemex.com");

    public Uri TestnetBaseUrl { get; set; } = new("https://testnet-api.phemex.com");

    /// <summary>When set, every request (mainnet and testnet alike) goes here: a fake server in tests.</summary>
    public Uri? BaseUrlOverride { get; set; }

    /// <summary>The longest one HTTP attempt may take, response body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seconds from now written into <c>x-phemex-request-expiry</c>.</summary>
    public int ExpirySeconds { get; set; } = 60;

    /// <summary>How long the big <c>/public/products</c> answer is reused.</summary>
    public TimeSpan ProductsCacheDuration { get; set; } = TimeSpan.FromHours(1);

    public PhemexRetryOptions Retry { get; set; } = new();

    public PhemexOrderPlacementOptions OrderPlacement { get; set; } = new();

    public PhemexRateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>Automatic retries of reads, cancels and leverage changes (never of order placement).</summary>
public sealed class PhemexRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff; each further one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>What placing an order does when its outcome is unknown (timeout, 5xx, network failure).</summary>
public sealed class PhemexOrderPlacementOptions
{
    /// <summary>How many times one client order id is sent at most (the first send included).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause before looking an order up after an unknown outcome, so the exchange can book it.</summary>
    public TimeSpan LookupDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Client-side budgets mirroring Phemex's: per API key and group (weights per endpoint), and per IP for the
/// whole process. Phemex's own <c>x-ratelimit-*</c> headers and 429 answers pause a group on top of these.
/// </summary>
public sealed class PhemexRateLimitOptions
{
    /// <summary>Weight per API key per <see cref="Window"/> for <c>/g-…</c> endpoints (Phemex: 500/min).</summary>
    public int ContractCapacity { get; set; } = 500;

    /// <summary>Weight per API key per <see cref="Window"/> for every other endpoint (Phemex: 100/min).</summary>
    public int OthersCapacity { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The weight of a kline request in the Others group (Phemex documents 10).</summary>
    public int KlineWeight { get; set; } = 10;

    /// <summary>Requests per <see cref="IpWindow"/> for the whole process to one host (Phemex: 5,000 per 5 min).</summary>
    public int IpCapacity { get; set; } = 5_000;

    /// <summary>Requests per <see cref="IpWindow"/> to the testnet host, which all users share (Phemex: 500 per 5 min).</summary>
    public int TestnetIpCapacity { get; set; } = 500;

    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The pause when Phemex says a budget is spent (remaining 0 or HTTP 429) without saying for how long.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
