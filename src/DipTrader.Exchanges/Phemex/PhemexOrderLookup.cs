namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Finds an order by client order id (reference A.4.8): first among the open orders (<c>activeList</c>, which
/// answers 10002 when there are none), then in the order history by id.
/// </summary>
internal sealed class PhemexOrderLookup(PhemexRestClient rest)
{
    public async ValueTask<OrderInfo?> FindAsync(PhemexSession session, string symbol, string clientOrderId, OrderRequest? sent, CancellationToken cancellationToken)
    {
        return await FindOpenAsync(session, symbol, clientOrderId, cancellationToken)
            ?? await FindInHistoryAsync(session, symbol, clientOrderId, sent, cancellationToken);
    }

    /// <summary>Only the order history: for an order that cannot be open any more.</summary>
    public ValueTask<OrderInfo?> FindClosedAsync(PhemexSession session, string symbol, string clientOrderId, CancellationToken cancellationToken) =>
        FindInHistoryAsync(session, symbol, clientOrderId, null, cancellationToken);

    private async ValueTask<OrderInfo?> FindOpenAsync(PhemexSession session, string symbol, string clientOrderId, CancellationToken cancellationToken)
    {
        var call = new PhemexCall(HttpMethod.Get, PhemexEndpoints.ActiveOrders, new PhemexQuery().Add("symbol", symbol).ToString());
        try
        {
            return await rest.SendAsync(session, call, data => PhemexOrders.Find(data, symbol, clientOrderId), cancellationToken);
        }
        catch (ExchangeException ex) when (ex.Error.Kind == ExchangeErrorKind.NotFound)
        {
            return null; // "No open orders" comes back as error 10002.
        }
    }

    private async ValueTask<OrderInfo?> FindInHistoryAsync(PhemexSession session, string symbol, string clientOrderId, OrderRequest? sent, CancellationToken cancellationToken)
    {
        var query = new PhemexQuery().Add("symbol", symbol).Add("clOrdID", clientOrderId);
        var call = new PhemexCall(HttpMethod.Get, PhemexEndpoints.OrderHistoryById, query.ToString());
        try
        {
            return await rest.SendAsync(session, call, data =>
            {
                // The history may leave out the id it was asked for; a single row is the answer to the question.
                var rows = PhemexJson.Rows(data).ToList();
                return PhemexOrders.Find(data, symbol, clientOrderId)
                    ?? (rows.Count == 1 && PhemexJson.OptionalString(rows[0], "clOrdID", "clOrdId") is null
                        ? PhemexOrders.Read(rows[0], symbol, clientOrderId, sent)
                        : null);
            }, cancellationToken);
        }
        catch (ExchangeException ex) when (ex.Error.Kind == ExchangeErrorKind.NotFound)
        {
            return null;
        }
    }
}
