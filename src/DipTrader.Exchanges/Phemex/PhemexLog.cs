using DipTrader.Trading.Market;
using Microsoft.Extensions.Logging;

namespace DipTrader.Exchanges.Phemex;

/// <summary>The Phemex client's log messages. Keys appear only as fingerprints.</summary>
internal static partial class PhemexLog
{
    private static readonly Func<ILogger, string, IDisposable?> OrderScope = LoggerMessage.DefineScope<string>("Order {ClientOrderId}");

    /// <summary>Puts the client order id on every line logged while one order is being placed.</summary>
    public static IDisposable? BeginOrderScope(ILogger logger, string clientOrderId) => OrderScope(logger, clientOrderId);

    /// <summary>"Not found" is how Phemex says "no open orders": an answer, not a problem worth a warning.</summary>
    public static void RequestFailed(ILogger logger, string method, string endpoint, string keyFingerprint, ExchangeError error) =>
        RequestFailed(logger, error.Kind == ExchangeErrorKind.NotFound ? LogLevel.Debug : LogLevel.Warning,
            method, endpoint, keyFingerprint, error.Kind, error.Code, error.Message);

    [LoggerMessage(EventId = 4100, Message = "Phemex {Method} {Endpoint} for {KeyFingerprint} failed: {Kind} ({Code}) {ErrorMessage}")]
    private static partial void RequestFailed(ILogger logger, LogLevel level, string method, string endpoint, string keyFingerprint, ExchangeErrorKind kind, string? code, string errorMessage);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Phemex {Group} rate limit held {Endpoint} for {KeyFingerprint} back {WaitedMs:0} ms")]
    public static partial void RateLimitWaited(ILogger logger, PhemexRateLimitGroup group, string keyFingerprint, string endpoint, double waitedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Phemex asked to pause the {Group} group of {KeyFingerprint} (HTTP {Status}) for {PauseMs:0} ms")]
    public static partial void RateLimitPaused(ILogger logger, PhemexRateLimitGroup group, string keyFingerprint, int status, double pauseMs);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "Order {ClientOrderId}: outcome of attempt {Attempt} unknown ({ErrorMessage}); looking it up before anything is sent again")]
    public static partial void OrderOutcomeUnknown(ILogger logger, string clientOrderId, int attempt, string errorMessage);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information,
        Message = "Order {ClientOrderId} found at Phemex as {ExchangeOrderId} ({Status}) after {Reason}")]
    public static partial void OrderFound(ILogger logger, string clientOrderId, string? exchangeOrderId, OrderStatus status, string reason);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning,
        Message = "Order {ClientOrderId} is not at Phemex after an unknown outcome; sending it again with the same id (attempt {Attempt})")]
    public static partial void OrderResending(ILogger logger, string clientOrderId, int attempt);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Order {ClientOrderId} already exists at Phemex with different terms ({ExistingSide} {ExistingQuantity} @ {ExistingPrice}); returning the existing order")]
    public static partial void ExistingOrderDiffers(ILogger logger, string clientOrderId, OrderSide existingSide, decimal existingQuantity, decimal existingPrice);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug,
        Message = "Phemex products refreshed: {Count} listed USDT perpetuals")]
    public static partial void ProductsRefreshed(ILogger logger, int count);
}
