using System.Collections.Frozen;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// Market data replayed from recorded 1-minute candles of one or more symbols. The <see cref="TimeProvider"/>
/// decides what is closed, so a backtest that moves its clock sees exactly the candles a live bot would have
/// seen at that moment and nothing later. Longer intervals are built once from the minutes; every answer
/// is a slice of the same columns, so a request costs a binary search.
/// </summary>
public sealed class ReplayMarketData : IMarketData
{
    private readonly TimeProvider _time;
    private readonly FrozenDictionary<string, Replayed> _symbols;
    private readonly IReadOnlyList<Instrument> _instrumentList;

    // The symbol asked last: a run asks for the same symbol several times in a row, and comparing the name is cheaper
    // than hashing it. One reference, so concurrent readers may overwrite it freely.
    private Replayed? _lastAsked;

    /// <param name="minuteCandles">1-minute candles per symbol, ascending.</param>
    /// <param name="instruments">Contract rules per symbol; a symbol without one gets <see cref="InstrumentDefaults"/>.</param>
    public ReplayMarketData(IReadOnlyDictionary<string, CandleSeries> minuteCandles, TimeProvider time, IEnumerable<Instrument>? instruments = null)
    {
        _time = time;
        var configured = (instruments ?? []).ToDictionary(i => i.Symbol, StringComparer.Ordinal);
        var symbols = new Dictionary<string, Replayed>(StringComparer.Ordinal);
        var rules = new List<Instrument>();
        foreach (var (symbol, candles) in minuteCandles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var referencePrice = candles.Count > 0 ? candles[0].Close : 0m;
            var rule = configured.TryGetValue(symbol, out var given) ? given : InstrumentDefaults.For(symbol, referencePrice);
            symbols[symbol] = new Replayed(new SymbolHistory(symbol, candles), rule);
            rules.Add(rule);
        }
        _symbols = symbols.ToFrozenDictionary(StringComparer.Ordinal);
        _instrumentList = rules;
    }

    /// <summary>Replays one symbol's candles.</summary>
    public ReplayMarketData(string symbol, CandleSeries minuteCandles, TimeProvider time, Instrument? instrument = null)
        : this(new Dictionary<string, CandleSeries> { [symbol] = minuteCandles }, time, instrument is null ? null : [instrument])
    {
    }

    public IReadOnlyCollection<string> Symbols => _symbols.Keys;

    /// <summary>Every 1-minute candle of a symbol, closed or not: for reports, never for decisions.</summary>
    public CandleSeries AllMinutes(string symbol) => History(symbol).Minutes;

    public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(History(symbol).Closed(intervalMinutes, limit, NowSeconds()));
    }

    public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var replayed = Find(symbol) ?? throw ReplayErrors.UnknownSymbol(symbol);
        return ValueTask.FromResult(replayed.History.QuoteAt(NowSeconds(), replayed.Instrument.TickSize));
    }

    public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Find(symbol) is { } replayed
            ? ValueTask.FromResult(replayed.Instrument)
            : ValueTask.FromException<Instrument>(ReplayErrors.UnknownSymbol(symbol));
    }

    public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_instrumentList);
    }

    private SymbolHistory History(string symbol) => Find(symbol)?.History ?? throw ReplayErrors.UnknownSymbol(symbol);

    private Replayed? Find(string symbol)
    {
        if (_lastAsked is { } last && string.Equals(last.History.Symbol, symbol, StringComparison.Ordinal))
        {
            return last;
        }
        if (!_symbols.TryGetValue(symbol, out var replayed))
        {
            return null;
        }
        _lastAsked = replayed;
        return replayed;
    }

    private long NowSeconds() => _time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A replayed symbol: its candles and its contract rules.</summary>
    private sealed record Replayed(SymbolHistory History, Instrument Instrument);
}
