using System.Text.Json;
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

    /// <summary>Two calls: active orders (conditional ones already triggered included), then untriggered conditionals.</summary>
    public async ValueTask<int> CancelAllOrdersAsync(string symbol, CancellationToken cancellationToken)
    {
        var active = await CancelAllAsync(symbol, untriggered: false, cancellationToken);
        var conditional = await CancelAllAsync(symbol, untriggered: true, cancellationToken);
        return active + conditional;
    }

    public ValueTask<int> CancelActiveOrdersAsync(string symbol, CancellationToken cancellationToken) =>
        CancelAllAsync(symbol, untriggered: false, cancellationToken);

    public async ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        // The sign is the margin mode: negative cross, positive isolated (reference A.4.7, G.9).
        var leverageRr = marginMode == MarginMode.Cross ? -leverage : leverage;
        // Hedged mode needs both sides; leverageRr alone means one-way mode and fails with 20004 (reference A.4.7).
        var query = new PhemexQuery().Add("symbol", symbol).Add("longLeverageRr", leverageRr).Add("shortLeverageRr", leverageRr);
        await rest.SendAsync(session, new PhemexCall(HttpMethod.Put, PhemexEndpoints.Leverage, query.ToString()), static _ => true, cancellationToken);
    }

    public ValueTask<OrderInfo?> FindOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken) =>
        lookup.FindAsync(session, symbol, clientOrderId, null, cancellationToken);

    public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, string clientOrderId, CancellationToken cancellationToken) =>
        lookup.FindClosedAsync(session, symbol, clientOrderId, cancellationToken);

    public override string ToString() => session.ToString();

    private ValueTask<int> CancelAllAsync(string symbol, bool untriggered, CancellationToken cancellationToken)
    {
        var query = new PhemexQuery().Add("symbol", symbol).Add("untriggered", untriggered);
        return rest.SendAsync(session, new PhemexCall(HttpMethod.Delete, PhemexEndpoints.CancelAll, query.ToString()), CountOf, cancellationToken);
    }

    /// <summary>Phemex answers the number cancelled as 0, "1" or nothing at all (reference A.4.5, G.10).</summary>
    private static int CountOf(JsonElement data) =>
        data.ValueKind is JsonValueKind.Number or JsonValueKind.String ? (int)PhemexJson.ToInt64(data, "data") : 0;

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
