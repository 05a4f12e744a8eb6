using System.Collections.Frozen;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Turns an HTTP status and Phemex's business code and message into an <see cref="ExchangeError"/> (reference
/// A.5, G.6–G.8). Codes are matched as text because Phemex sends them as numbers or strings.
/// </summary>
internal static class PhemexErrorMapper
{
    /// <summary>OM_ORDER_NOT_FOUND: the order is not open (or, from <c>activeList</c>, none is).</summary>
    public const string OrderNotFound = "10002";

    private static readonly FrozenDictionary<string, ExchangeErrorKind> KindByCode = new Dictionary<string, ExchangeErrorKind>
    {
        ["39995"] = ExchangeErrorKind.RateLimited,
        ["11001"] = ExchangeErrorKind.InsufficientFunds,
        ["11005"] = ExchangeErrorKind.InsufficientFunds,
        ["11082"] = ExchangeErrorKind.InsufficientFunds,
        ["10001"] = ExchangeErrorKind.DuplicateClientOrderId,
        ["11033"] = ExchangeErrorKind.DuplicateClientOrderId,
        ["11085"] = ExchangeErrorKind.DuplicateClientOrderId,
        ["19999"] = ExchangeErrorKind.DuplicateClientOrderId,
        ["10500"] = ExchangeErrorKind.AuthenticationFailed,
        ["401"] = ExchangeErrorKind.AuthenticationFailed,
        ["403"] = ExchangeErrorKind.AuthenticationFailed,
        ["34003"] = ExchangeErrorKind.AuthenticationFailed,
        ["10002"] = ExchangeErrorKind.NotFound,
        ["6001"] = ExchangeErrorKind.NotFound,
        ["11027"] = ExchangeErrorKind.NotFound,
        ["39997"] = ExchangeErrorKind.NotFound,
        ["412"] = ExchangeErrorKind.InvalidOrder,
        ["30000"] = ExchangeErrorKind.InvalidOrder,
        ["20004"] = ExchangeErrorKind.InvalidOrder,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ExchangeError Map(int httpStatus, string? code, string message, TimeSpan? retryAfter)
    {
        var kind = KindOf(httpStatus, code, message);
        return new ExchangeError(kind, message, code, httpStatus, kind == ExchangeErrorKind.RateLimited ? retryAfter : null);
    }

    private static ExchangeErrorKind KindOf(int httpStatus, string? code, string message)
    {
        // A 5xx says nothing about whether a write happened: it must stay "unknown outcome", whatever the body says.
        if (httpStatus >= 500 || httpStatus == 408)
        {
            return ExchangeErrorKind.Unavailable;
        }
        if (httpStatus == 429)
        {
            return ExchangeErrorKind.RateLimited;
        }
        if (httpStatus is 401 or 403)
        {
            return ExchangeErrorKind.AuthenticationFailed;
        }
        if (code is not null && KindByCode.TryGetValue(code, out var known))
        {
            // 10500 also covers "Missing required parameter", which is the caller's mistake, not the key's.
            return known == ExchangeErrorKind.AuthenticationFailed && message.StartsWith("Missing", StringComparison.OrdinalIgnoreCase)
                ? ExchangeErrorKind.InvalidOrder
                : known;
        }
        return KindFromText(httpStatus, code, message);
    }

    private static ExchangeErrorKind KindFromText(int httpStatus, string? code, string message)
    {
        if (message.Contains("Too many requests", StringComparison.OrdinalIgnoreCase))
        {
            return ExchangeErrorKind.RateLimited;
        }
        if (message.Contains("Signature", StringComparison.OrdinalIgnoreCase)
            || message.Contains("expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("api key", StringComparison.OrdinalIgnoreCase)
            || message.Contains("api-key", StringComparison.OrdinalIgnoreCase))
        {
            return ExchangeErrorKind.AuthenticationFailed;
        }
        if (httpStatus == 404 || message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            return ExchangeErrorKind.NotFound;
        }
        // 11xxx are the trading engine's rejections of an order's content (price, quantity, reduce-only, ...).
        if (code is { Length: 5 } && code.StartsWith("11", StringComparison.Ordinal))
        {
            return ExchangeErrorKind.InvalidOrder;
        }
        return httpStatus == 400 ? ExchangeErrorKind.InvalidOrder : ExchangeErrorKind.Unknown;
    }
}
