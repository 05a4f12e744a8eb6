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

    /// <summary>Cancels every open order on the symbol, both position sides, active and conditional; returns how many.</summary>
    ValueTask<int> CancelAllOrdersAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the symbol's active orders, both position sides, and leaves untriggered conditional orders (which
    /// bots never place: a trader's own stop) alone; returns how many. One request where cancelling all takes two.
    /// </summary>
    ValueTask<int> CancelActiveOrdersAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the symbol's leverage for both the Long and the Short side (hedged mode), in <paramref name="marginMode"/>:
    /// on Phemex one call sets both, so the caller passes the mode the account already has to keep it.
    /// </summary>
    ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken);

    /// <summary>The order with this client order id (open or recently closed), or null if the venue has none.</summary>
    ValueTask<OrderInfo?> FindOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="FindOrderAsync"/> for an order known not to be open any more (its symbol's orders were just
    /// cancelled): searches only the closed orders, one request where an open-or-closed search takes two.
    /// </summary>
    ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken);
}
