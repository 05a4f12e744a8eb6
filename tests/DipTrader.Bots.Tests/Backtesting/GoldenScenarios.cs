using DipTrader.Bots.Backtesting;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Tests.Backtesting;

/// <summary>
/// The fixed backtests whose results are pinned in Golden/: each names what it must cover, so a golden
/// file regenerated after a change still proves the scenario exercises what it was chosen for.
/// </summary>
public sealed record GoldenScenario(string Name, Func<BacktestRequest> Request, IReadOnlyList<Coverage> MustCover)
{
    public override string ToString() => Name;

    public static IReadOnlyList<GoldenScenario> All { get; } =
    [
        new("csv-dip-and-recovery-long",
            () => new BacktestRequest
            {
                Pairs = [PairSettings.Create("SOLUSDT", PositionSide.Long)],
                Candles = new Dictionary<string, CandleSeries> { ["SOLUSDT"] = CandleCsv.Load(GoldenFiles.Input("dip-and-recovery.csv")) },
            },
            [Coverage.Side(PositionSide.Long), Coverage.Rules(Rule.T2, Rule.T3, Rule.P6), Coverage.Liquidation]),
        new("demo-7-btc-long-crash",
            () => Demo(7, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 30, PairSettings.Create("BTCUSDT", PositionSide.Long)),
            [Coverage.Side(PositionSide.Long), Coverage.Rules(Rule.T2, Rule.T3, Rule.Cap), Coverage.Liquidation]),
        new("demo-1-eth-short",
            () => Demo(1, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), 20, PairSettings.Create("ETHUSDT", PositionSide.Short)),
            [Coverage.Side(PositionSide.Short), Coverage.Rules(Rule.T2, Rule.T3, Rule.P6)]),
        new("demo-11-two-pairs-shared-balance",
            () => Demo(11, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 14,
                PairSettings.Create("BTCUSDT", PositionSide.Long),
                PairSettings.Create("ETHUSDT", PositionSide.Short) with { Leverage = 5 }),
            [Coverage.Side(PositionSide.Long), Coverage.Side(PositionSide.Short)]),
    ];

    private static BacktestRequest Demo(int seed, DateTimeOffset from, int days, params PairSettings[] pairs)
    {
        var to = from.AddDays(days);
        var symbols = pairs.Select(p => p.Symbol).Distinct(StringComparer.Ordinal).ToList();
        return new BacktestRequest
        {
            Pairs = pairs,
            Candles = symbols.ToDictionary(s => s, s => DemoCandles.Generate(s, seed, from.AddDays(-5), to).Minutes, StringComparer.Ordinal),
            Instruments = [.. symbols.Select(s => DemoSymbolProfile.For(s).Instrument)],
            From = from,
            To = to,
        };
    }
}

/// <summary>Something a golden scenario must exercise.</summary>
public sealed record Coverage(string Description, Func<BacktestReport, bool> IsCovered)
{
    public static Coverage Liquidation { get; } = new("a liquidation", r => r.Metrics.Liquidations > 0);

    public static Coverage Side(PositionSide side) => new($"fills of a {side} position", r => r.Trades.Any(t => t.PositionSide == side));

    public static Coverage Rules(params Rule[] rules) => new(
        $"decisions by {string.Join(", ", rules.Select(r => r.Code()))}",
        r => rules.All(rule => r.Metrics.RuleCounts.ContainsKey(rule.Code())));
}
