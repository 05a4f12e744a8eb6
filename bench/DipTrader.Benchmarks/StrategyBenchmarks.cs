using BenchmarkDotNet.Attributes;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Benchmarks;

/// <summary>The strategy core's hot paths: one decision, and every indicator of one decision from candles.</summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private CandleSeries _minutes = null!;
    private CandleSeries _hours = null!;
    private CandleSeries _fiveMinutes = null!;
    private PairSettings _pair = null!;
    private MarketSnapshot _market = null!;
    private AccountSnapshot _account = null!;

    [GlobalSetup]
    public void Setup()
    {
        _minutes = RandomWalk(1000, 60, seed: 1);
        _hours = RandomWalk(1000, 3600, seed: 2);
        _fiveMinutes = RandomWalk(100, 300, seed: 3);
        _pair = PairSettings.Create("BTCUSDT", PositionSide.Long);
        var indicators = IndicatorCalculator.Compute(_minutes, _hours, _fiveMinutes, 1.5);
        var bid = _minutes.Last.Close;
        _market = new MarketSnapshot(new Quote(bid, bid + 0.5m), new Instrument("BTCUSDT", 0.001m, 0.001m, 100m, 0.5m), indicators);
        _account = new AccountSnapshot(10_000m,
        [
            new Position("BTCUSDT", PositionSide.Long, 0.02m, bid * 1.02m, bid, 150m, -20m, 0.005m),
            new Position("ETHUSDT", PositionSide.Short, 1m, 3000m, 2990m, 300m, 10m, 0.005m),
        ]);
    }

    /// <summary>EMA50/EMA200 over 1000 candles, the 1 h EMA100 over 1000, volatility and decline over 100.</summary>
    [Benchmark]
    public IndicatorSnapshot Indicators_from_1000_candles() => IndicatorCalculator.Compute(_minutes, _hours, _fiveMinutes, 1.5);

    [Benchmark]
    public Decision Decide() => MartingaleStrategy.Decide(_pair, _market, _account);

    private static CandleSeries RandomWalk(int count, int intervalSeconds, int seed)
    {
        var random = new Random(seed);
        var price = 60_000m;
        var candles = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = decimal.Round(open * (1 + (decimal)((random.NextDouble() - 0.5) * 0.004)), 1);
            var high = Math.Max(open, close) + decimal.Round((decimal)random.NextDouble() * 20, 1);
            var low = Math.Min(open, close) - decimal.Round((decimal)random.NextDouble() * 20, 1);
            candles[i] = new Candle(1_700_000_000L + i * intervalSeconds, open, high, low, close, decimal.Round((decimal)random.NextDouble() * 100, 3));
            price = close;
        }
        return CandleSeries.From(intervalSeconds / 60, candles);
    }
}
