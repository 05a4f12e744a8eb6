using DipTrader.Exchanges;
using DipTrader.Trading.Market;

namespace DipTrader.Bots.Venues;

public enum SymbolCheck
{
    Listed,
    NotListed,

    /// <summary>The exchange could not be asked right now.</summary>
    Unknown,
}

/// <summary>Whether a symbol trades on a bot's venue (Phemex's product list, or the demo market).</summary>
public sealed class SymbolCatalog(MarketDataHub markets, PaperMarketDataSource paperSource)
{
    public async Task<(SymbolCheck Check, IReadOnlyList<string> Symbols)> CheckAsync(string exchange, bool testnet, string symbol, CancellationToken cancellationToken)
    {
        var market = markets.For(exchange, testnet, await paperSource.GetAsync(cancellationToken));
        try
        {
            var instruments = await market.GetInstrumentsAsync(cancellationToken);
            var symbols = instruments.Select(i => i.Symbol).Order(StringComparer.Ordinal).ToList();
            return (symbols.Contains(symbol, StringComparer.Ordinal) ? SymbolCheck.Listed : SymbolCheck.NotListed, symbols);
        }
        catch (ExchangeException)
        {
            return (SymbolCheck.Unknown, []);
        }
    }

    public async Task<IReadOnlyList<Instrument>> InstrumentsAsync(string exchange, bool testnet, CancellationToken cancellationToken)
    {
        try
        {
            return await markets.For(exchange, testnet, await paperSource.GetAsync(cancellationToken)).GetInstrumentsAsync(cancellationToken);
        }
        catch (ExchangeException)
        {
            return [];
        }
    }
}

