using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// One symbol of the demo market: generates its walk lazily, a UTC day at a time, and keeps only the
/// configured history behind "now". Candles ahead of now exist in memory but are never served: the
/// history answers only what is closed.
/// </summary>
internal sealed class DemoSymbolFeed
{
    private const long Day = 86_400;

    private readonly Lock _gate = new();
    private readonly DemoWalk _walk;
    private readonly long _anchor;
    private readonly long _retention;
    private volatile Generated? _generated;

    public DemoSymbolFeed(DemoSymbolProfile profile, int seed, long anchorSeconds, TimeSpan retention)
    {
        Profile = profile;
        _anchor = anchorSeconds;
        _retention = (long)retention.TotalSeconds;
        _walk = new DemoWalk(profile, seed, anchorSeconds);
    }

    public DemoSymbolProfile Profile { get; }

    /// <summary>The history that holds every candle closed at <paramref name="nowSeconds"/>.</summary>
    public SymbolHistory At(long nowSeconds)
    {
        var generated = _generated;
        if (generated is not null && nowSeconds < generated.Until)
        {
            return generated.History;
        }
        lock (_gate)
        {
            generated = _generated;
            if (generated is null || nowSeconds >= generated.Until)
            {
                generated = Extend(generated?.History, nowSeconds);
                _generated = generated;
            }
            return generated.History;
        }
    }

    private Generated Extend(SymbolHistory? previous, long nowSeconds)
    {
        var until = Math.Max(FloorDay(nowSeconds) + Day, _anchor);
        var windowStart = Math.Max(_anchor, FloorDay(nowSeconds - _retention));
        var candles = new List<Candle>((int)((until - windowStart) / 60));
        if (previous is not null)
        {
            var kept = previous.Minutes;
            var first = kept.OpenTimes.BinarySearch(windowStart);
            for (var i = first >= 0 ? first : ~first; i < kept.Count; i++)
            {
                candles.Add(kept[i]);
            }
        }
        while (_walk.Time < windowStart)
        {
            _walk.Skip();
        }
        while (_walk.Time < until)
        {
            candles.Add(_walk.Next());
        }
        return new Generated(new SymbolHistory(Profile.Symbol, CandleSeries.From(CandleInterval.OneMinute, candles)), until);
    }

    private static long FloorDay(long seconds) => seconds - (seconds % Day + Day) % Day;

    /// <summary>Published as one reference so a reader never pairs a history with another's end.</summary>
    private sealed record Generated(SymbolHistory History, long Until);
}
