using DipTrader.Trading.Market;

namespace DipTrader.Exchanges;

/// <summary>Public market data of a venue: candles, best bid/ask and contract rules.</summary>
public interface IMarketData
{
    /// <summary>
    /// Up to <paramref name="limit"/> of the most recent <b>closed</b> candles of <paramref name="intervalMinutes"/>,
    /// oldest first. <paramref name="limit"/> is at most 1000.
    /// </summary>
    ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken);

    /// <summary>The best bid and ask now.</summary>
    ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>The contract rules of one symbol; an unknown symbol is an <see cref="ExchangeErrorKind.NotFound"/> error.</summary>
    ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Every tradable symbol's contract rules.</summary>
    ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken);
}
