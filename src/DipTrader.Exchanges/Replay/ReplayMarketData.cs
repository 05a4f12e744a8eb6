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
    private readonly FrozenDictionary<string, SymbolHistory> _histories;
    private readonly FrozenDictionary<string, Instrument> _instruments;
    private readonly IReadOnlyList<Instrument> _instrumentList;

    /// <param name="minuteCandles">1-minute candles per symbol, ascending.</param>
    /// <param name="instruments">Contract rules per symbol; a symbol without one gets <see cref="InstrumentDefaults"/>.</param>
    public ReplayMarketData(IReadOnlyDictionary<string, CandleSeries> minuteCandles, TimeProvider time, IEnumerable<Instrument>? instruments = null)
    {
        _time = time;
        var configured = (instruments ?? []).ToDictionary(i => i.Symbol, StringComparer.Ordinal);
        var histories = new Dictionary<string, SymbolHistory>(StringComparer.Ordinal);
        var rules = new List<Instrument>();
        foreach (var (symbol, candles) in minuteCandles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            histories[symbol] = new SymbolHistory(symbol, candles);
            var referencePrice = candles.Count > 0 ? candles[0].Close : 0m;
            rules.Add(configured.TryGetValue(symbol, out var rule) ? rule : InstrumentDefaults.For(symbol, referencePrice));
        }
        _histories = histories.ToFrozenDictionary(StringComparer.Ordinal);
        _instruments = rules.ToFrozenDictionary(i => i.Symbol, StringComparer.Ordinal);
        _instrumentList = rules;
    }

    /// <summary>Replays one symbol's candles.</summary>
    public ReplayMarketData(string symbol, CandleSeries minuteCandles, TimeProvider time, Instrument? instrument = null)
        : this(new Dictionary<string, CandleSeries> { [symbol] = minuteCandles }, time, instrument is null ? null : [instrument])
    {
    }

    public IReadOnlyCollection<string> Symbols => _histories.Keys;

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
        return ValueTask.FromResult(History(symbol).QuoteAt(NowSeconds(), _instruments[symbol].TickSize));
    }

    public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _instruments.TryGetValue(symbol, out var instrument)
            ? ValueTask.FromResult(instrument)
            : ValueTask.FromException<Instrument>(ReplayErrors.UnknownSymbol(symbol));
    }

    public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_instrumentList);
    }

    private SymbolHistory History(string symbol) =>
        _histories.TryGetValue(symbol, out var history) ? history : throw ReplayErrors.UnknownSymbol(symbol);

    private long NowSeconds() => _time.GetUtcNow().ToUnixTimeSeconds();
}
