using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Caching;

/// <summary>
/// Shares market data between the bots of one process: candles per (symbol, interval) until the next candle
/// of that interval closes (intervals up to a day, which align to UTC; longer ones for an hour), quotes for <see cref="MarketDataCacheOptions.QuoteTtl"/>, instruments for
/// <see cref="MarketDataCacheOptions.InstrumentTtl"/>. Concurrent requests for the same thing share one
/// upstream call; a failure is handed to everyone waiting on that call and then forgotten. The shared call
/// is not cancelled by one caller's token: each caller stops waiting on its own.
/// </summary>
public sealed class CachedMarketData : IMarketData
{
    private const string AllInstruments = "";
    private const int MaxAlignedInterval = 1440;
    private static readonly TimeSpan UnalignedCandleTtl = TimeSpan.FromHours(1);

    private readonly IMarketData _upstream;
    private readonly TimeProvider _time;
    private readonly MarketDataCacheOptions _options;
    private readonly SingleFlightCache<CandleKey, CandleSeries> _candles = new();
    private readonly SingleFlightCache<string, Quote> _quotes = new();
    private readonly SingleFlightCache<string, Instrument> _instrument = new();
    private readonly SingleFlightCache<string, IReadOnlyList<Instrument>> _instruments = new();

    public CachedMarketData(IMarketData upstream, TimeProvider time, MarketDataCacheOptions? options = null)
    {
        options ??= new MarketDataCacheOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Market data cache settings are invalid: " + string.Join(" ", problems), nameof(options));
        }
        _upstream = upstream;
        _time = time;
        _options = options;
    }

    public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        // Weekly and longer candles do not start at multiples of their length since the epoch (a Thursday).
        var aligned = intervalMinutes is >= 1 and <= MaxAlignedInterval;
        var task = _candles.GetOrFetch(
            new CandleKey(symbol, intervalMinutes),
            limit,
            now,
            aligned ? NextClose(now, intervalMinutes) : now + UnalignedCandleTtl,
            (Cache: this, Symbol: symbol, Interval: intervalMinutes, Limit: limit),
            static s => s.Cache._upstream.GetCandlesAsync(s.Symbol, s.Interval, s.Limit, CancellationToken.None),
            aligned ? static (s, series, nextClose) => s.Cache.CandleExpiry(series, s.Interval, nextClose) : null);
        return task.IsCompletedSuccessfully
            ? ValueTask.FromResult(task.Result.TakeLast(limit))
            : LastAsync(task, limit, cancellationToken);
    }

    public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var task = _quotes.GetOrFetch(symbol, 0, now, now + _options.QuoteTtl, (Upstream: _upstream, Symbol: symbol),
            static s => s.Upstream.GetQuoteAsync(s.Symbol, CancellationToken.None));
        return Await(task, cancellationToken);
    }

    public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var task = _instrument.GetOrFetch(symbol, 0, now, now + _options.InstrumentTtl, (Upstream: _upstream, Symbol: symbol),
            static s => s.Upstream.GetInstrumentAsync(s.Symbol, CancellationToken.None));
        return Await(task, cancellationToken);
    }

    public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var task = _instruments.GetOrFetch(AllInstruments, 0, now, now + _options.InstrumentTtl, _upstream,
            static upstream => upstream.GetInstrumentsAsync(CancellationToken.None));
        return Await(task, cancellationToken);
    }

    /// <summary>The moment the candle of <paramref name="intervalMinutes"/> that is forming now closes (intervals align to the Unix epoch, i.e. UTC).</summary>
    private static DateTimeOffset NextClose(DateTimeOffset now, int intervalMinutes)
    {
        var seconds = CandleInterval.Seconds(intervalMinutes);
        var nowSeconds = now.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(nowSeconds - nowSeconds % seconds + seconds);
    }

    /// <summary>Keeps an answer until the next close, unless it lacks the candle that closed last: then retry soon.</summary>
    private DateTimeOffset CandleExpiry(CandleSeries series, int intervalMinutes, DateTimeOffset nextClose)
    {
        var seconds = CandleInterval.Seconds(intervalMinutes);
        var latestClosedOpen = nextClose.ToUnixTimeSeconds() - 2 * seconds;
        if (series.Count > 0 && series.Last.OpenTime >= latestClosedOpen)
        {
            return nextClose;
        }
        var retry = _time.GetUtcNow() + _options.LaggingCandleRetry;
        return retry < nextClose ? retry : nextClose;
    }

    private static async ValueTask<CandleSeries> LastAsync(Task<CandleSeries> task, int limit, CancellationToken cancellationToken) =>
        (await task.WaitAsync(cancellationToken)).TakeLast(limit);

    private static ValueTask<T> Await<T>(Task<T> task, CancellationToken cancellationToken) =>
        task.IsCompletedSuccessfully ? ValueTask.FromResult(task.Result) : new ValueTask<T>(task.WaitAsync(cancellationToken));

    private readonly record struct CandleKey(string Symbol, int IntervalMinutes);
}
