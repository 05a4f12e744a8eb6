using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Market;

namespace DipTrader.Bots.Backtesting;

/// <summary>The outcome of a backtest: the figures, every fill, every decision, and chart series.</summary>
public sealed record BacktestReport
{
    public required BacktestMetrics Metrics { get; init; }
    public required IReadOnlyList<PaperFill> Trades { get; init; }
    public required IReadOnlyList<PaperLiquidation> Liquidations { get; init; }
    public required IReadOnlyList<DecisionRecord> Decisions { get; init; }

    /// <summary>Equity, balance and margin use over time (downsampled for charts).</summary>
    public required IReadOnlyList<EquityPoint> Equity { get; init; }

    /// <summary>Price and EMAs per pair over time (downsampled for charts).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<PricePoint>> Prices { get; init; }
}

public sealed record BacktestMetrics
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required int Runs { get; init; }
    public required decimal StartBalance { get; init; }
    public required decimal EndBalance { get; init; }

    /// <summary>End equity (balance + unrealised PnL of what is still open).</summary>
    public required decimal EndEquity { get; init; }

    /// <summary>(end equity − start balance) / start balance.</summary>
    public required decimal Return { get; init; }

    /// <summary>The largest fall of equity from a previous peak, as a fraction of that peak.</summary>
    public required decimal MaxDrawdown { get; init; }

    public required int Trades { get; init; }
    public required int WinningExits { get; init; }
    public required int LosingExits { get; init; }

    /// <summary>Winning exits / all exits (reduce-only fills and liquidations); 0 without exits.</summary>
    public required decimal WinRate { get; init; }

    public required decimal Fees { get; init; }
    public required decimal Funding { get; init; }
    public required int Liquidations { get; init; }

    /// <summary>The most position margin used at once, as a fraction of balance.</summary>
    public required decimal MaxMarginUsed { get; init; }

    /// <summary>The share of runs with a position open.</summary>
    public required decimal TimeInMarket { get; init; }

    /// <summary>Average position notional / equity over the runs.</summary>
    public required decimal Exposure { get; init; }

    public required IReadOnlyDictionary<string, int> RuleCounts { get; init; }
}

/// <summary>One pair's decision at one run.</summary>
public sealed record DecisionRecord(DateTimeOffset Time, string Symbol, PositionSide Side, string Rule, string Action, decimal? Quantity, decimal? Price, string Reason);

public sealed record EquityPoint(DateTimeOffset Time, decimal Equity, decimal Balance, decimal MarginUsed);

public sealed record PricePoint(DateTimeOffset Time, decimal Price, decimal Ema50, decimal Ema200);
