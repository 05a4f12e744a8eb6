using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Caching;

/// <summary>
/// An upstream that counts its calls, answers with the candles closed at its clock's "now" (or one period
/// late, like a venue that has not published the newest candle yet), can hold calls until released, and can
/// fail the next calls.
/// </summary>
internal sealed class CountingMarketData(TimeProvider time) : IMarketData
{
    private int _candleCalls;
    private int _quoteCalls;
    private int _instrumentCalls;
    private int _failuresLeft;

    public int CandleCalls => Volatile.Read(ref _candleCalls);

    public int QuoteCalls => Volatile.Read(ref _quoteCalls);

    public int InstrumentCalls => Volatile.Read(ref _instrumentCalls);

    /// <summary>While set, calls wait for it to complete before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Answer without the candle that closed last.</summary>
    public bool Lagging { get; set; }

    public void FailNext(int calls) => Volatile.Write(ref _failuresLeft, calls);

    public async ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _candleCalls);
        await Answer();
        var seconds = intervalMinutes * 60L;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var lastOpen = now - now % seconds - seconds - (Lagging ? seconds : 0);
        var candles = Enumerable.Range(0, limit)
            .Select(i => lastOpen - (limit - 1 - i) * seconds)
            .Select(t => new Candle(t, 100m, 101m, 99m, 100m, 1m))
            .ToList();
        return CandleSeries.From(intervalMinutes, candles);
    }

    public async ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _quoteCalls);
        await Answer();
        return new Quote(call, call + 1);
    }

    public async ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _instrumentCalls);
        await Answer();
        return new Instrument(symbol, 0.001m, 0.001m, 100m, 0.1m);
    }

    public async ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _instrumentCalls);
        await Answer();
        return [new Instrument("BTCUSDT", 0.001m, 0.001m, 100m, 0.1m)];
    }

    private async Task Answer()
    {
        if (Gate is { } gate)
        {
            await gate.Task;
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable, "upstream down"));
        }
        Interlocked.Exchange(ref _failuresLeft, 0);
    }
}
