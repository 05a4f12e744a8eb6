using DipTrader.Trading.Market;
using Microsoft.Extensions.Logging;

namespace DipTrader.Exchanges.Phemex;

/// <summary>Phemex public market data of one network (mainnet or testnet); unsigned calls.</summary>
internal sealed class PhemexMarketData(PhemexRestClient rest, PhemexSession session, PhemexProductCache products, TimeProvider time, ILogger logger)
    : IMarketData
{
    public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken)
    {
        var resolution = PhemexKlines.ResolutionSeconds(intervalMinutes);
        var query = new PhemexQuery().Add("symbol", symbol).Add("resolution", resolution).Add("limit", PhemexKlines.RequestLimit(limit));
        return rest.SendAsync(session, new PhemexCall(HttpMethod.Get, PhemexEndpoints.Klines, query.ToString()),
            data => PhemexKlines.Read(data, intervalMinutes, limit, time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken);
    }

    public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        rest.SendAsync(session, new PhemexCall(HttpMethod.Get, PhemexEndpoints.Ticker, new PhemexQuery().Add("symbol", symbol).ToString()),
            result => PhemexMarketParsers.Quote(result, symbol), cancellationToken);

    public async ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        var snapshot = await products.GetAsync(FetchProductsAsync, cancellationToken);
        if (snapshot.BySymbol.TryGetValue(symbol, out var instrument))
        {
            return instrument;
        }
        var message = snapshot.Unusable.TryGetValue(symbol, out var problem)
            ? $"Phemex's {symbol} contract cannot be traded: {problem}."
            : $"Phemex lists no USDT perpetual '{symbol}'.";
        throw new ExchangeException(new ExchangeError(ExchangeErrorKind.NotFound, message));
    }

    public async ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken) =>
        (await products.GetAsync(FetchProductsAsync, cancellationToken)).All;

    private async ValueTask<PhemexProducts> FetchProductsAsync(CancellationToken cancellationToken)
    {
        var products = await rest.SendAsync(session, new PhemexCall(HttpMethod.Get, PhemexEndpoints.Products),
            PhemexMarketParsers.Products, cancellationToken);
        PhemexLog.ProductsRefreshed(logger, products.Instruments.Count);
        return products;
    }

    public override string ToString() => session.ToString();
}
