using DipTrader.Trading.Market;

namespace DipTrader.Exchanges;

/// <summary>One private account on a venue (hedged USDT perpetuals).</summary>
public interface ITradingAccount
{
    /// <summary>Balance and every position row, read once.</summary>
    ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Places a limit order. The caller's <see cref="OrderRequest.ClientOrderId"/> makes it idempotent: when the
    /// outcome of a request is unknown (timeout, 5xx) the order is looked up by that id before anything is sent
    /// again, and a duplicate-id rejection answers with the order already placed. Never creates two orders for
    /// one client order id.
    /// </summary>
    ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the order with this client order id if it is still open, and nothing else: other bots on the same
    /// account and the trader's own orders on the symbol stay. True when this call cancelled it; false when it was not
    /// open (filled, cancelled, or never placed).
    /// </summary>
    ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken);

    /// <summary>The client order ids of the symbol's open orders, both position sides (the trader's own and other bots' too).</summary>
    ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the symbol's leverage for both the Long and the Short side (hedged mode), in <paramref name="marginMode"/>:
    /// on Phemex one call sets both, so the caller passes the mode the account already has to keep it.
    /// </summary>
    ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken);

    /// <summary>
    /// The order with this client order id (open or recently closed), or null if the venue has none. The position side
    /// is the one the order was placed for: Phemex's order history leaves it out.
    /// </summary>
    ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="FindOrderAsync"/> for an order known not to be open any more (it was just cancelled): searches
    /// only the closed orders, one request where an open-or-closed search takes two.
    /// </summary>
    ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken);
}
