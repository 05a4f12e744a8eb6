using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>One user's Phemex account (hedged USDT perpetuals), signed with that user's key.</summary>
internal sealed class PhemexTradingAccount(PhemexRestClient rest, PhemexSession session, PhemexOrderPlacer placer, PhemexOrderLookup lookup)
    : ITradingAccount
{
    private const int MaxClientOrderIdLength = 40;

    public ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken) =>
        rest.SendAsync(session, new PhemexCall(HttpMethod.Get, PhemexEndpoints.AccountPositions, new PhemexQuery().Add("currency", "USDT").ToString()),
            PhemexMarketParsers.Account, cancellationToken);

    public ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        Validate(order);
        return placer.PlaceAsync(session, order, cancellationToken);
    }

    /// <summary><c>DELETE /g-orders/cancel</c> by client order id (reference A.4.8): only that order, never the symbol's others.</summary>
    public async ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
    {
        var query = new PhemexQuery().Add("symbol", symbol).Add("posSide", side == PositionSide.Long ? "Long" : "Short").Add("clOrdID", clientOrderId);
        try
        {
            return await rest.SendAsync(session, new PhemexCall(HttpMethod.Delete, PhemexEndpoints.CancelOrder, query.ToString()), static _ => true, cancellationToken);
        }
        catch (ExchangeException e) when (e.Error.Code == PhemexErrorMapper.OrderNotFound)
        {
            return false; // filled, cancelled or never placed: not open
        }
    }

    public ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken) =>
        lookup.OpenClientOrderIdsAsync(session, symbol, cancellationToken);

    public async ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        // The sign is the margin mode: negative cross, positive isolated (reference A.4.7, G.9).
        var leverageRr = marginMode == MarginMode.Cross ? -leverage : leverage;
        // Hedged mode needs both sides; leverageRr alone means one-way mode and fails with 20004 (reference A.4.7).
        var query = new PhemexQuery().Add("symbol", symbol).Add("longLeverageRr", leverageRr).Add("shortLeverageRr", leverageRr);
        await rest.SendAsync(session, new PhemexCall(HttpMethod.Put, PhemexEndpoints.Leverage, query.ToString()), static _ => true, cancellationToken);
    }

    public ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) =>
        lookup.FindAsync(session, symbol, side, clientOrderId, null, cancellationToken);

    public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) =>
        lookup.FindClosedAsync(session, symbol, side, clientOrderId, cancellationToken);

    public override string ToString() => session.ToString();

    private static void Validate(OrderRequest order)
    {
        if (string.IsNullOrEmpty(order.ClientOrderId) || order.ClientOrderId.Length > MaxClientOrderIdLength)
        {
            throw new ArgumentException($"ClientOrderId must be 1 to {MaxClientOrderIdLength} characters (got {order.ClientOrderId?.Length ?? 0}).", nameof(order));
        }
        if (order.Quantity <= 0 || order.Price <= 0)
        {
            throw new ArgumentException($"Quantity and Price must be greater than 0 (got {order.Quantity} @ {order.Price}).", nameof(order));
        }
    }
}
