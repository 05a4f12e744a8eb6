using System.Collections.Concurrent;
using DipTrader.Exchanges.Phemex;
using DipTrader.Testing.FakePhemex;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>
/// A fake Phemex on loopback and a client wired exactly as production wires it (AddPhemex), pointed at it,
/// with fast test timings. One account (<see cref="ApiKey"/>) exists from the start.
/// </summary>
internal sealed class PhemexTestHost : IAsyncDisposable
{
    public const string ApiKey = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    public const string ApiSecret = "c2VjcmV0LWZvci1kb2NzLW9ubHktbm90LXJlYWw";

    private readonly ServiceProvider _services;

    private PhemexTestHost(FakePhemexServer server, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Venue = services.GetRequiredService<PhemexVenue>();
        Account = Venue.CreateAccount(ApiKey, ApiSecret, testnet: false);
    }

    public FakePhemexServer Server { get; }

    public PhemexVenue Venue { get; }

    public IMarketData MarketData => Venue.MarketData;

    public ITradingAccount Account { get; }

    public FakeAccount FakeAccount => Server.Account(ApiKey);

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public static async Task<PhemexTestHost> StartAsync(
        Action<PhemexOptions>? configureClient = null,
        FakePhemexOptions? serverOptions = null,
        TimeProvider? clientClock = null,
        decimal balance = 10_000m)
    {
        var server = await FakePhemexServer.StartAsync(serverOptions, TestContext.Current.CancellationToken);
        server.AddAccount(ApiKey, ApiSecret, balance);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (clientClock is not null)
        {
            services.AddSingleton(clientClock);
        }
        services.AddPhemex(options =>
        {
            options.BaseUrlOverride = server.BaseUrl;
            options.RequestTimeout = TimeSpan.FromSeconds(2);
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            options.OrderPlacement.LookupDelay = TimeSpan.Zero;
            configureClient?.Invoke(options);
        });
        return new PhemexTestHost(server, services.BuildServiceProvider(validateScopes: true), logs);
    }

    public ITradingAccount AccountFor(string apiKey, string apiSecret) => Venue.CreateAccount(apiKey, apiSecret, testnet: false);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (and exception text) so tests can check what reached the logs.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
