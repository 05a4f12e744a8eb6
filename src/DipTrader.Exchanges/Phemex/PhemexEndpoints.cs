namespace DipTrader.Exchanges.Phemex;

/// <summary>The Phemex paths this client calls (reference A.4).</summary>
internal static class PhemexEndpoints
{
    public const string AccountPositions = "/g-accounts/positions";
    public const string Ticker = "/md/v3/ticker/24hr";
    public const string Products = "/public/products";
    public const string Klines = "/exchange/public/md/v2/kline/last";
    public const string Orders = "/g-orders";
    public const string CancelOrder = "/g-orders/cancel";
    public const string ActiveOrders = "/g-orders/activeList";
    public const string Leverage = "/g-positions/leverage";
    public const string OrderHistoryById = "/api-data/g-futures/orders/by-order-id";

    /// <summary>Paths under <c>/md</c> answer <c>{error,id,result}</c>; everything else <c>{code,msg,data}</c>.</summary>
    public static bool UsesResultEnvelope(string path) => path.StartsWith("/md", StringComparison.Ordinal);
}

/// <summary>Phemex's per-user rate-limit groups (reference A.6).</summary>
public enum PhemexRateLimitGroup
{
    /// <summary>Every <c>/g-…</c> trading and account endpoint.</summary>
    Contract,

    /// <summary>Everything else (market data, products, order history).</summary>
    Others,
}

/// <summary>Which group a request counts against, and how much.</summary>
internal static class PhemexRateLimitCost
{
    public static PhemexRateLimitGroup GroupOf(string path) =>
        path.StartsWith("/g-", StringComparison.Ordinal) ? PhemexRateLimitGroup.Contract : PhemexRateLimitGroup.Others;

    public static int WeightOf(string path, int klineWeight) => path switch
    {
        PhemexEndpoints.AccountPositions => 25,
        _ when path.StartsWith("/exchange/public/md/", StringComparison.Ordinal) && path.Contains("/kline", StringComparison.Ordinal) => klineWeight,
        _ => 1,
    };
}
