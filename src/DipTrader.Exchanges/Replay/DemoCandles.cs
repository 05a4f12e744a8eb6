using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>One symbol's generated minutes and the regimes they went through.</summary>
public sealed record DemoCandleSet(string Symbol, CandleSeries Minutes, IReadOnlyList<DemoRegimeSpan> Regimes);

/// <summary>
/// Deterministic demo candles for backtests: a seeded random walk with regimes (sideways, slow decline,
/// crash, recovery). The same seed, symbol and start always give the same candles.
/// </summary>
public static class DemoCandles
{
    /// <summary>1-minute candles of <paramref name="symbol"/> over [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static DemoCandleSet Generate(string symbol, int seed, DateTimeOffset start, DateTimeOffset end) =>
        Generate(DemoSymbolProfile.For(symbol), seed, start, end);

    public static DemoCandleSet Generate(DemoSymbolProfile profile, int seed, DateTimeOffset start, DateTimeOffset end)
    {
        var from = WholeMinute(start, nameof(start));
        var to = end.ToUnixTimeSeconds();
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a demo period comes after its start.");
        }
        var walk = new DemoWalk(profile, seed, from);
        var candles = new Candle[(to - from) / 60];
        var regimes = new List<DemoRegimeSpan>();
        DemoRegime? current = null;
        var spanStart = from;
        for (var i = 0; i < candles.Length; i++)
        {
            candles[i] = walk.Next();
            if (current != walk.Regime)
            {
                if (current is { } ended)
                {
                    regimes.Add(new DemoRegimeSpan(ended, spanStart, candles[i].OpenTime));
                }
                current = walk.Regime;
                spanStart = candles[i].OpenTime;
            }
        }
        if (current is { } last)
        {
            regimes.Add(new DemoRegimeSpan(last, spanStart, walk.Time));
        }
        return new DemoCandleSet(profile.Symbol, CandleSeries.From(CandleInterval.OneMinute, candles), regimes);
    }

    /// <summary>A replay of demo candles for several symbols over one period, ready for a backtest.</summary>
    public static ReplayMarketData Replay(IEnumerable<string> symbols, int seed, DateTimeOffset start, DateTimeOffset end, TimeProvider time)
    {
        var profiles = symbols.Select(DemoSymbolProfile.For).ToList();
        var candles = profiles.ToDictionary(p => p.Symbol, p => Generate(p, seed, start, end).Minutes, StringComparer.Ordinal);
        return new ReplayMarketData(candles, time, profiles.Select(p => p.Instrument));
    }

    internal static long WholeMinute(DateTimeOffset moment, string name)
    {
        var seconds = moment.ToUnixTimeSeconds();
        if (seconds % 60 != 0 || moment.Millisecond != 0 || moment.Microsecond != 0)
        {
            throw new ArgumentException($"{name} must be a whole minute (demo candles are 1-minute candles).", name);
        }
        return seconds;
    }
}
