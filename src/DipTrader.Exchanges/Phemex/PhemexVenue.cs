using Microsoft.Extensions.Logging;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// The entry point to Phemex for the whole process: public market data per network, and one
/// <see cref="ITradingAccount"/> per user key. Many bots with different keys share one venue (and its HTTP
/// connections and IP budget); each key has its own rate-limit budget. Register with
/// <see cref="PhemexServiceCollectionExtensions.AddPhemex(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{PhemexOptions}?)"/>.
/// </summary>
public sealed class PhemexVenue : IDisposable
{
    private readonly PhemexRestClient _rest;
    private readonly PhemexOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly PhemexOrderLookup _lookup;
    private readonly PhemexProductCache _mainnetProducts;
    private readonly PhemexProductCache _testnetProducts;

    internal PhemexVenue(PhemexRestClient rest, PhemexOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _rest = rest;
        _options = options;
        _time = time;
        _loggers = loggers;
        _lookup = new PhemexOrderLookup(rest);
        _mainnetProducts = new PhemexProductCache(options.ProductsCacheDuration, time);
        _testnetProducts = new PhemexProductCache(options.ProductsCacheDuration, time);
        MarketData = CreateMarketData(testnet: false);
        TestnetMarketData = CreateMarketData(testnet: true);
    }

    /// <summary>Mainnet public data: candles, quotes, contract rules.</summary>
    public IMarketData MarketData { get; }

    /// <summary>Testnet public data (testnet prices differ from mainnet's).</summary>
    public IMarketData TestnetMarketData { get; }

    public IMarketData GetMarketData(bool testnet) => testnet ? TestnetMarketData : MarketData;

    /// <summary>The account of one key. Cheap: create one per bot run.</summary>
    public ITradingAccount CreateAccount(PhemexCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var session = new PhemexSession(BaseUrl(credentials.Testnet), credentials.Testnet, credentials);
        var placer = new PhemexOrderPlacer(_rest, _lookup, _options.OrderPlacement, _time, _loggers.CreateLogger<PhemexOrderPlacer>());
        return new PhemexTradingAccount(_rest, session, placer, _lookup);
    }

    public ITradingAccount CreateAccount(string apiKey, string apiSecret, bool testnet) =>
        CreateAccount(new PhemexCredentials(apiKey, apiSecret, testnet));

    public void Dispose()
    {
        _mainnetProducts.Dispose();
        _testnetProducts.Dispose();
    }

    private PhemexMarketData CreateMarketData(bool testnet) => new(
        _rest,
        new PhemexSession(BaseUrl(testnet), testnet, null),
        testnet ? _testnetProducts : _mainnetProducts,
        _time,
        _loggers.CreateLogger<PhemexMarketData>());

    private Uri BaseUrl(bool testnet) => _options.BaseUrlOverride ?? (testnet ? _options.TestnetBaseUrl : _options.MainnetBaseUrl);
}
