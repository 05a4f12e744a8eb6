using DipTrader.Bots.Configuration;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Caching;
using DipTrader.Exchanges.Phemex;
using DipTrader.Exchanges.Replay;

namespace DipTrader.Bots.Venues;

/// <summary>
/// The process's shared market data, each behind one cache: Phemex mainnet, Phemex testnet and the demo
/// market. Every bot asking for the same (symbol, interval) within one candle period shares one fetch.
/// </summary>
public sealed class MarketDataHub(PhemexVenue phemex, TimeProvider time, DemoMarketOptions demoOptions, MarketDataCacheOptions cacheOptions)
{
    private readonly Lazy<IMarketData> _mainnet = new(() => new CachedMarketData(phemex.GetMarketData(testnet: false), time, cacheOptions));
    private readonly Lazy<IMarketData> _testnet = new(() => new CachedMarketData(phemex.GetMarketData(testnet: true), time, cacheOptions));
    private readonly Lazy<IMarketData> _demo = new(() => new DemoMarketData(demoOptions, time));

    public IMarketData Phemex(bool testnet) => testnet ? _testnet.Value : _mainnet.Value;

    public IMarketData Demo => _demo.Value;

    /// <summary>The prices a bot trades on: its Phemex network, or for a paper bot live or demo prices.</summary>
    public IMarketData For(BotConfiguration bot) => bot.Exchange == Data.Entities.Exchanges.Paper
        ? bot.MarketData == MarketDataSource.Demo ? Demo : Phemex(testnet: false)
        : Phemex(bot.Testnet);

    /// <summary>The prices for an exchange name as stored on a bot.</summary>
    public IMarketData For(string exchange, bool testnet, MarketDataSource paperSource) => exchange == Data.Entities.Exchanges.Paper
        ? paperSource == MarketDataSource.Demo ? Demo : Phemex(testnet: false)
        : Phemex(testnet);
}
