namespace DipTrader.Testing.FakePhemex;

/// <summary>How the fake Phemex behaves. Properties are read on every request, so a test may change them live.</summary>
public sealed class FakePhemexOptions
{
    /// <summary>The server's clock: request expiry, rate-limit windows, the forming candle, log timestamps.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Weight per API key per <see cref="RateLimitWindow"/> for <c>/g-…</c> endpoints.</summary>
    public int ContractCapacity { get; set; } = 500;

    /// <summary>Weight per API key per <see cref="RateLimitWindow"/> for the other signed endpoints.</summary>
    public int OthersCapacity { get; set; } = 100;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int KlineWeight { get; set; } = 10;

    /// <summary>Requests per <see cref="IpWindow"/> from all clients together, signed or not.</summary>
    public int IpCapacity { get; set; } = 5_000;

    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>9 (as documented) or 10 (as live, with the symbol appended) fields per kline row.</summary>
    public int KlineRowFields { get; set; } = 10;

    /// <summary>Serve kline rows newest first instead of oldest first.</summary>
    public bool KlinesNewestFirst { get; set; }

    /// <summary>Answer the order history with a bare array (as documented) instead of <c>{code,msg,data}</c>.</summary>
    public bool OrderHistoryAsBareArray { get; set; }

    public decimal MakerFeeRate { get; set; }

    public decimal TakerFeeRate { get; set; }

    /// <summary>
    /// Leverage of a symbol side nobody set yet, as Phemex's <c>leverageRr</c>: negative is cross margin, positive
    /// isolated. Phemex's default for its USDT perpetuals is -10, cross 10x.
    /// </summary>
    public decimal DefaultLeverage { get; set; } = -10m;

    public decimal MaintenanceMarginRate { get; set; } = 0.005m;

    /// <summary>How long a "hang" fault holds a request when the client does not give up first.</summary>
    public TimeSpan HangDuration { get; set; } = TimeSpan.FromSeconds(30);
}
