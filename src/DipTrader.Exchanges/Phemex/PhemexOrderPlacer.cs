using Microsoft.Extensions.Logging;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Places an order so that one client order id never becomes two orders (DESIGN principle 5):
/// <list type="bullet">
/// <item>a timeout, 5xx or network failure leaves the outcome unknown: look the order up; found → return it;
/// absent → send it again with the same id, a bounded number of times;</item>
/// <item>a duplicate-id rejection means it exists already: look it up and return it, never send again;</item>
/// <item>every other answer (accepted, or rejected for a reason) is final.</item>
/// </list>
/// </summary>
internal sealed class PhemexOrderPlacer(PhemexRestClient rest, PhemexOrderLookup lookup, PhemexOrderPlacementOptions options, TimeProvider time, ILogger logger)
{
    public async ValueTask<OrderInfo> PlaceAsync(PhemexSession session, OrderRequest order, CancellationToken cancellationToken)
    {
        using var scope = PhemexLog.BeginOrderScope(logger, order.ClientOrderId);
        var call = new PhemexCall(HttpMethod.Post, PhemexEndpoints.Orders, Body: PhemexOrders.Body(order));
        ExchangeException? lastUnknown = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                PhemexLog.OrderResending(logger, order.ClientOrderId, attempt);
            }
            try
            {
                return await rest.SendAsync(session, call, data => PhemexOrders.Read(data, order.Symbol, order.PositionSide, order.ClientOrderId, order), cancellationToken);
            }
            catch (ExchangeException ex) when (ex.Error.Kind == ExchangeErrorKind.DuplicateClientOrderId)
            {
                return await FindExistingAsync(session, order, "a duplicate-id answer", cancellationToken)
                    ?? throw new ExchangeException(ex.Error with
                    {
                        Message = $"Phemex says client order id '{order.ClientOrderId}' is taken ({ex.Error.Message}), but no order with it can be found; not sending it again.",
                    }, ex);
            }
            catch (ExchangeException ex) when (ex.Error.Kind == ExchangeErrorKind.Unavailable)
            {
                lastUnknown = ex;
                PhemexLog.OrderOutcomeUnknown(logger, order.ClientOrderId, attempt, ex.Error.Message);
                await Task.Delay(options.LookupDelay, time, cancellationToken);
                var existing = await FindExistingAsync(session, order, "an unknown outcome", cancellationToken);
                if (existing is not null)
                {
                    return existing;
                }
            }
        }
        throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
            $"Order '{order.ClientOrderId}': no answer from Phemex after {options.MaxAttempts} attempts and it cannot be found; its outcome is unknown. " +
            $"Last failure: {lastUnknown?.Error.Message}"), lastUnknown);
    }

    private async ValueTask<OrderInfo?> FindExistingAsync(PhemexSession session, OrderRequest order, string reason, CancellationToken cancellationToken)
    {
        OrderInfo? existing;
        try
        {
            existing = await lookup.FindAsync(session, order.Symbol, order.PositionSide, order.ClientOrderId, order, cancellationToken);
        }
        catch (ExchangeException ex)
        {
            // Not knowing whether the order exists is no licence to send it again.
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
                $"Order '{order.ClientOrderId}': looking it up after {reason} failed ({ex.Error.Message}); its outcome is unknown."), ex);
        }
        if (existing is null)
        {
            return null;
        }
        PhemexLog.OrderFound(logger, order.ClientOrderId, existing.ExchangeOrderId, existing.Status, reason);
        if (existing.Side != order.Side || existing.Quantity != order.Quantity || existing.Price != order.Price)
        {
            PhemexLog.ExistingOrderDiffers(logger, order.ClientOrderId, existing.Side, existing.Quantity, existing.Price);
        }
        return existing;
    }
}
