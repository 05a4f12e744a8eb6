using System.Net;
using DipTrader.Trading.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DipTrader.Testing.FakePhemex;

/// <summary>
/// A fake Phemex REST server on 127.0.0.1 (Kestrel, a free port) for tests and end-to-end runs: signatures and
/// expiry are checked, accounts keep balances, hedged positions, leverage and orders, and faults can be injected.
/// <code>
/// await using var server = await FakePhemexServer.StartAsync();
/// server.AddAccount("key", "secret", balance: 10_000m);
/// server.SetQuote("BTCUSDT", 60_000m, 60_000.5m);
/// server.Faults.Next(FakeFault.AcceptThenServerError(), path: "/g-orders");
/// // point the client at server.BaseUrl, then assert on server.Requests and server.Account("key")
/// </code>
/// </summary>
public sealed class FakePhemexServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeExchange _exchange;
    private readonly FakePhemexPipeline _pipeline;

    private FakePhemexServer(WebApplication app, FakeExchange exchange, FakePhemexPipeline pipeline, Uri baseUrl)
    {
        _app = app;
        _exchange = exchange;
        _pipeline = pipeline;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    public FakePhemexOptions Options => _exchange.Options;

    public FakePhemexFaults Faults => _pipeline.Faults;

    public FakeRequestLog Requests => _pipeline.Log;

    public static async Task<FakePhemexServer> StartAsync(FakePhemexOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var exchange = new FakeExchange(options ?? new FakePhemexOptions());
        var pipeline = new FakePhemexPipeline(exchange);
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakePhemexServer(app, exchange, pipeline, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public FakeAccount AddAccount(string apiKey, string apiSecret, decimal balance = 10_000m)
    {
        lock (_exchange.Sync)
        {
            var account = new FakeAccount(apiKey, apiSecret, balance, _exchange.Sync, _exchange.Market, _exchange.Options);
            _exchange.Accounts.Add(apiKey, account);
            return account;
        }
    }

    public FakeAccount Account(string apiKey)
    {
        lock (_exchange.Sync)
        {
            return _exchange.Accounts[apiKey];
        }
    }

    /// <summary>Adds or replaces a contract (a Delisted one is listed in products but cannot be traded).</summary>
    public void SetProduct(FakeProduct product)
    {
        lock (_exchange.Sync)
        {
            _exchange.Market.SetProduct(product);
        }
    }

    /// <summary>Sets the book; resting orders the new quote crosses fill at their limit price.</summary>
    public void SetQuote(string symbol, decimal bid, decimal ask)
    {
        lock (_exchange.Sync)
        {
            _exchange.Market.SetQuote(symbol, bid, ask);
            foreach (var account in _exchange.Accounts.Values)
            {
                account.FillCrossedBy(symbol, bid, ask);
            }
        }
    }

    /// <summary>
    /// A trade at <paramref name="price"/>: the bid moves there, the ask one tick above, and resting orders the
    /// trade reaches (buys at or above it, sells at or below it) fill at their limit price.
    /// </summary>
    public void SetPrice(string symbol, decimal price)
    {
        lock (_exchange.Sync)
        {
            var tick = _exchange.Market.Listed(symbol)?.TickSize ?? 0.01m;
            _exchange.Market.SetQuote(symbol, price, price + tick);
            foreach (var account in _exchange.Accounts.Values)
            {
                account.FillReachedBy(symbol, price);
            }
        }
    }

    /// <summary>Walks the price along <paramref name="prices"/>; orders fill as the path moves through them.</summary>
    public void ApplyPricePath(string symbol, params IEnumerable<decimal> prices)
    {
        foreach (var price in prices)
        {
            SetPrice(symbol, price);
        }
    }

    /// <summary>Fills every account's resting orders on <paramref name="symbol"/> that a trade at <paramref name="price"/> reaches.</summary>
    public void FillRestingOrders(string symbol, decimal price)
    {
        lock (_exchange.Sync)
        {
            foreach (var account in _exchange.Accounts.Values)
            {
                account.FillReachedBy(symbol, price);
            }
        }
    }

    /// <summary>
    /// The candles served for (symbol, interval), exactly as given (a still-forming one included, to test that
    /// clients drop it). Without this, closed candles are made up around the current price.
    /// </summary>
    public void SetCandles(string symbol, int intervalMinutes, IEnumerable<Candle> candles)
    {
        lock (_exchange.Sync)
        {
            _exchange.Market.SetCandles(symbol, intervalMinutes, candles);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pipeline.Stop();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
