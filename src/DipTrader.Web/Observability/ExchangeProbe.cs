using DipTrader.Exchanges;
using DipTrader.Exchanges.Phemex;

namespace DipTrader.Web.Observability;

/// <summary>
/// Is Phemex reachable from here? One public quote per network, answered from a 30-second cache so that admins
/// refreshing the health page never add load; a probe gives up after a few seconds.
/// </summary>
public sealed class ExchangeProbe(PhemexVenue phemex, TimeProvider time)
{
    public const string Symbol = "BTCUSDT";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private Task<IReadOnlyList<ExchangeHealth>>? _last;
    private DateTimeOffset _lastStarted;

    public Task<IReadOnlyList<ExchangeHealth>> CheckAsync()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_last is null || (_last.IsCompleted && now - _lastStarted >= CacheFor))
            {
                _lastStarted = now;
                _last = ProbeAllAsync();
            }
            return _last;
        }
    }

    private async Task<IReadOnlyList<ExchangeHealth>> ProbeAllAsync()
    {
        var mainnet = ProbeAsync("mainnet", phemex.MarketData);
        var testnet = ProbeAsync("testnet", phemex.TestnetMarketData);
        return [await mainnet, await testnet];
    }

    private async Task<ExchangeHealth> ProbeAsync(string network, IMarketData market)
    {
        // Not the caller's token: a probe shared through the cache must not die with the request that started it.
        using var timeout = new CancellationTokenSource(Timeout, time);
        var started = time.GetTimestamp();
        string? error;
        try
        {
            await market.GetQuoteAsync(Symbol, timeout.Token);
            return new ExchangeHealth("phemex", network, "reachable", time.GetElapsedTime(started).TotalMilliseconds, null, time.GetUtcNow());
        }
        catch (ExchangeException e) when (e.Error.Kind is not (ExchangeErrorKind.Unavailable or ExchangeErrorKind.Unknown))
        {
            // Phemex answered (a rate limit, an unknown symbol): it is reachable.
            return new ExchangeHealth("phemex", network, "reachable", time.GetElapsedTime(started).TotalMilliseconds, e.Error.Kind.ToString(), time.GetUtcNow());
        }
        catch (ExchangeException e)
        {
            error = $"{e.Error.Kind}: {e.Error.Message}";
        }
        catch (OperationCanceledException)
        {
            error = $"No answer within {Timeout.TotalSeconds:0} s.";
        }
        catch (HttpRequestException)
        {
            error = "The connection failed.";
        }
        return new ExchangeHealth("phemex", network, "unreachable", null, error, time.GetUtcNow());
    }
}
