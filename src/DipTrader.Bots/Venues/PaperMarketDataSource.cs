using DipTrader.Bots.Configuration;
using DipTrader.Exchanges;
using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Venues;

/// <summary>
/// Where paper bots get prices in this process (<c>MARKET_DATA</c>): <c>phemex</c> (live data), <c>demo</c>
/// (the built-in demo market), or <c>auto</c> (the default): live data when Phemex answers at the first
/// question, the demo market when it cannot be reached. Decided once per process, so a paper account never
/// mixes the two.
/// </summary>
public sealed partial class PaperMarketDataSource(string mode, MarketDataHub markets, ILogger<PaperMarketDataSource> logger)
{
    public const string Auto = "auto";
    public static IReadOnlyList<string> Modes { get; } = [Auto, "phemex", "demo"];

    private readonly SemaphoreSlim _lock = new(1, 1);
    private MarketDataSource? _resolved = mode switch
    {
        "phemex" => MarketDataSource.Phemex,
        "demo" => MarketDataSource.Demo,
        Auto => null,
        _ => throw new ArgumentException($"MARKET_DATA must be one of {string.Join(", ", Modes)}.", nameof(mode)),
    };

    public async ValueTask<MarketDataSource> GetAsync(CancellationToken cancellationToken)
    {
        if (_resolved is { } known)
        {
            return known;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_resolved is null)
            {
                _resolved = await ProbeAsync(cancellationToken);
                LogResolved(logger, _resolved.Value);
            }
            return _resolved.Value;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<MarketDataSource> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var instruments = await markets.Phemex(testnet: false).GetInstrumentsAsync(timeout.Token);
            return instruments.Count > 0 ? MarketDataSource.Phemex : MarketDataSource.Demo;
        }
        catch (Exception e) when (e is ExchangeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return MarketDataSource.Demo;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Paper bots trade on {Source} prices")]
    private static partial void LogResolved(ILogger logger, MarketDataSource source);
}
