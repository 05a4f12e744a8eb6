using System.Text.Json;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Finds an order by client order id (reference A.4.8): first among the open orders (<c>activeList</c>, which
/// answers 10002 when there are none), then in the order history by id.
/// </summary>
internal sealed class PhemexOrderLookup(PhemexRestClient rest)
{
    public async ValueTask<OrderInfo?> FindAsync(PhemexSession session, string symbol, PositionSide side, string clientOrderId, OrderRequest? sent, CancellationToken cancellationToken)
    {
        return await FindOpenAsync(session, symbol, side, clientOrderId, cancellationToken)
            ?? await FindInHistoryAsync(session, symbol, side, clientOrderId, sent, cancellationToken);
    }

    /// <summary>Only the order history: for an order that cannot be open any more.</summary>
    public ValueTask<OrderInfo?> FindClosedAsync(PhemexSession session, string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) =>
        FindInHistoryAsync(session, symbol, side, clientOrderId, null, cancellationToken);

    /// <summary>The client order ids of the symbol's open orders (rows without one are skipped).</summary>
    public async ValueTask<IReadOnlyList<string>> OpenClientOrderIdsAsync(PhemexSession session, string symbol, CancellationToken cancellationToken) =>
        await ReadOpenAsync(session, symbol, data => PhemexJson.Rows(data).Select(PhemexOrders.ClientOrderIdOf).OfType<string>().ToList(), cancellationToken) ?? [];

    private ValueTask<OrderInfo?> FindOpenAsync(PhemexSession session, string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) =>
        ReadOpenAsync(session, symbol, data => PhemexOrders.Find(data, symbol, side, clientOrderId), cancellationToken);

    private async ValueTask<T?> ReadOpenAsync<T>(PhemexSession session, string symbol, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var call = new PhemexCall(HttpMethod.Get, PhemexEndpoints.ActiveOrders, new PhemexQuery().Add("symbol", symbol).ToString());
        try
        {
            return await rest.SendAsync(session, call, read, cancellationToken);
        }
        catch (ExchangeException ex) when (ex.Error.Code == PhemexErrorMapper.OrderNotFound)
        {
            return null; // "No open orders" comes back as error 10002.
        }
    }

    private async ValueTask<OrderInfo?> FindInHistoryAsync(PhemexSession session, string symbol, PositionSide side, string clientOrderId, OrderRequest? sent, CancellationToken cancellationToken)
    {
        var query = new PhemexQuery().Add("symbol", symbol).Add("clOrdID", clientOrderId);
        var call = new PhemexCall(HttpMethod.Get, PhemexEndpoints.OrderHistoryById, query.ToString());
        try
        {
            return await rest.SendAsync(session, call, data =>
            {
                // The history may leave out the id it was asked for; a single row is the answer to the question.
                var rows = PhemexJson.Rows(data).ToList();
                return PhemexOrders.Find(data, symbol, side, clientOrderId)
                    ?? (rows.Count == 1 && PhemexOrders.ClientOrderIdOf(rows[0]) is null
                        ? PhemexOrders.Read(rows[0], symbol, side, clientOrderId, sent)
                        : null);
            }, cancellationToken);
        }
        catch (ExchangeException ex) when (ex.Error.Kind == ExchangeErrorKind.NotFound)
        {
            return null;
        }
    }
}
