using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>
/// A decision input written from the pair's point of view, so one test covers Long and Short: the decision
/// price is 100 (the bid for a Long, the ask for a Short), balance 10,000 USDT, leverage 10, and EMAs sit
/// on the "right" side (Long: below price; Short: above) unless a test moves them.
/// </summary>
internal sealed record Scenario
{
    public const decimal Price = 100m;
    public const decimal Spread = 0.1m;
    public const string Symbol = "TESTUSDT";

    public required PositionSide Side { get; init; }
    public decimal Balance { get; init; } = 10_000m;
    public int Leverage { get; init; } = 10;
    public bool AutomaticMode { get; init; } = true;
    public MartingaleSettings Settings { get; init; } = MartingaleSettings.Default;
    public Instrument Instrument { get; init; } = new(Symbol, 0.001m, 0.001m, 1000m, 0.1m);

    /// <summary>Distance of EMA50 from price in the pair's favour (positive: right side).</summary>
    public decimal Ema50Offset { get; init; } = 1m;
    public decimal Ema200Offset { get; init; } = 2m;

    /// <summary>Distance of the 1h EMA100 from price; positive means price has dipped past it (entry allowed).</summary>
    public decimal Ema100H1Offset { get; init; } = 1m;

    public VolatilityMetrics Volatility { get; init; } = new(Atr: 1.0, AtrThreshold: 2.0, BbWidth: 1.0, HistoricalVolatility: 0.5);

    /// <summary>Calm market: ROC-5 0, smoothness 1, volume ratio 1 → SLOW_DECLINE, score 0.</summary>
    public DeclineInputs? Decline { get; init; } = new(Roc5: 0, Roc15: 0, Roc30: 0, VolumeRatio: 1);

    public Position? Position { get; init; }
    public IReadOnlyList<Position> OtherPositions { get; init; } = [];

    public static Scenario Flat(PositionSide side) => new() { Side = side };

    /// <summary>
    /// A position whose margin is <paramref name="marginRatio"/> of balance, with PnL <paramref name="pnlRatio"/>
    /// of its margin and margin level <paramref name="marginLevel"/>.
    /// </summary>
    public static Scenario WithPosition(PositionSide side, decimal marginRatio, decimal pnlRatio, decimal marginLevel = 10m, decimal size = 2m)
    {
        var scenario = Flat(side);
        return scenario with { Position = scenario.MakePosition(marginRatio, pnlRatio, marginLevel, size) };
    }

    public Position MakePosition(decimal marginRatio, decimal pnlRatio, decimal marginLevel = 10m, decimal size = 2m, string symbol = Symbol, PositionSide? side = null)
    {
        var margin = Balance * marginRatio;
        var pnl = margin * pnlRatio;
        const decimal mark = 100m;
        var rate = (margin + pnl) / (marginLevel * size * mark);
        return new Position(symbol, side ?? Side, size, 100m, mark, margin, pnl, rate);
    }

    public Quote Quote => Side == PositionSide.Long ? new Quote(Price, Price + Spread) : new Quote(Price - Spread, Price);

    /// <summary>A level <paramref name="offset"/> away from price on the pair's favourable side (Long: below).</summary>
    private decimal Toward(decimal offset) => Side == PositionSide.Long ? Price - offset : Price + offset;

    public PairSettings Pair => new(Symbol, Side, Leverage, 1, AutomaticMode, Settings);

    public MarketSnapshot Market => new(
        Quote,
        Instrument,
        new IndicatorSnapshot(Toward(Ema50Offset), Toward(Ema200Offset), Toward(-Ema100H1Offset), Volatility, Decline));

    public AccountSnapshot Account => new(Balance, Position is null ? OtherPositions : [.. OtherPositions, Position]);

    public Decision Decide() => MartingaleStrategy.Decide(Pair, Market, Account);

    /// <summary>High volatility through the Bollinger width.</summary>
    public Scenario Volatile() => this with { Volatility = Volatility with { BbWidth = 9.0 } };

    /// <summary>A fast decline (ROC-5 −6 %: 40 points).</summary>
    public Scenario Dangerous() => this with { Decline = new DeclineInputs(-6, -6, -6, 1) };

    /// <summary>Too little data for a decline type: neither safe nor dangerous.</summary>
    public Scenario UnknownDecline() => this with { Decline = null };
}
