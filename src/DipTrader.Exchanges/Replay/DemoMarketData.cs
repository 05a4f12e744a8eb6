using System.Collections.Frozen;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// The offline demo market: deterministic demo candles (see <see cref="DemoCandles"/>) for the configured
/// symbols, served against real time (or any <see cref="TimeProvider"/>). It starts with
/// <see cref="DemoMarketOptions.History"/> of history behind now, extends a UTC day at a time as time
/// passes, and forgets what falls out of the history window. Quotes are the last closed minute's close as
/// the bid and one tick above it as the ask, as in <see cref="ReplayMarketData"/>.
/// </summary>
public sealed class DemoMarketData : IMarketData
{
    private readonly TimeProvider _time;
    private readonly FrozenDictionary<string, DemoSymbolFeed> _feeds;
    private readonly IReadOnlyList<Instrument> _instruments;

    public DemoMarketData(DemoMarketOptions options, TimeProvider time)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Demo market settings are invalid: " + string.Join(" ", problems), nameof(options));
        }
        _time = time;
        var anchor = options.Anchor.ToUnixTimeSeconds();
        var feeds = options.EffectiveSymbols
            .Select(symbol => new DemoSymbolFeed(DemoSymbolProfile.For(symbol), options.Seed, anchor, options.History))
            .ToList();
        _feeds = feeds.ToFrozenDictionary(f => f.Profile.Symbol, StringComparer.Ordinal);
        _instruments = feeds.Select(f => f.Profile.Instrument).ToList();
    }

    public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowSeconds();
        return ValueTask.FromResult(Feed(symbol).At(now).Closed(intervalMinutes, limit, now));
    }

    public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = NowSeconds();
        var feed = Feed(symbol);
        return ValueTask.FromResult(feed.At(now).QuoteAt(now, feed.Profile.Instrument.TickSize));
    }

    public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Feed(symbol).Profile.Instrument);
    }

    public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_instruments);
    }

    private DemoSymbolFeed Feed(string symbol) =>
        _feeds.TryGetValue(symbol, out var feed) ? feed : throw ReplayErrors.UnknownSymbol(symbol);

    private long NowSeconds() => _time.GetUtcNow().ToUnixTimeSeconds();
}
