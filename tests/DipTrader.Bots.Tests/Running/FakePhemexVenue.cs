using DipTrader.Bots.Running;
using DipTrader.Exchanges.Phemex;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Bots.Tests.Running;

/// <summary>
/// A live venue for bot runs: a fake Phemex on loopback with one account, and the Phemex client as production wires
/// it (AddPhemex) pointed at it, so every call is real, signed HTTP.
/// </summary>
internal sealed class FakePhemexVenue : IAsyncDisposable
{
    private const string ApiKey = "bots-key";
    private const string ApiSecret = "Ym90cy1zZWNyZXQ";

    private readonly ServiceProvider _services;

    private FakePhemexVenue(FakePhemexServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        var phemex = services.GetRequiredService<PhemexVenue>();
        Venue = new BotVenue(phemex.MarketData, phemex.CreateAccount(ApiKey, ApiSecret, testnet: false));
    }

    public FakePhemexServer Server { get; }

    public FakeAccount Account => Server.Account(ApiKey);

    public BotVenue Venue { get; }

    /// <param name="clock">The clock of the server, the client and the bot run alike.</param>
    public static async Task<FakePhemexVenue> StartAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        var server = await FakePhemexServer.StartAsync(new FakePhemexOptions { Clock = clock }, cancellationToken);
        server.AddAccount(ApiKey, ApiSecret, balance: 10_000m);
        return new FakePhemexVenue(server, Client(server, clock));
    }

    /// <summary>The Phemex client as production wires it, pointed at <paramref name="server"/>.</summary>
    public static ServiceProvider Client(FakePhemexServer server, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddPhemex(options =>
        {
            options.BaseUrlOverride = server.BaseUrl;
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.OrderPlacement.LookupDelay = TimeSpan.Zero;
        });
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Closed candles of <paramref name="intervalMinutes"/> along <paramref name="closes"/>, the last one closed just before <paramref name="now"/>.</summary>
    public void SetCandles(string symbol, int intervalMinutes, DateTimeOffset now, IReadOnlyList<decimal> closes)
    {
        var seconds = intervalMinutes * 60L;
        var lastOpen = (now.ToUnixTimeSeconds() / seconds - 1) * seconds;
        var candles = closes.Select((close, i) => new Candle(lastOpen - (closes.Count - 1 - i) * seconds, close, close * 1.001m, close * 0.999m, close, 100m));
        Server.SetCandles(symbol, intervalMinutes, candles);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
