using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>The rule of the decision procedure that fired (STRATEGY.md, predecessor-strategy.md §4).</summary>
public enum Rule
{
    /// <summary>Workflow gate: a safe position on the wrong side of EMA200 is left alone.</summary>
    W,
    P2, P3, P4, P5, P6, P7, P8,
    N1, N2, N3, N4, N5,
    T1, T2, T3, T4,
    /// <summary>The per-symbol margin cap refused an order.</summary>
    Cap,
}

public enum DecisionAction
{
    Hold,
    Open,
    Add,
    Reduce,
    Close,
}

public enum AlertKind
{
    MarginWarning,
    HighVolatility,
    DangerousDecline,
}

/// <summary>A state worth telling the trader about, raised for this run only (the bot run sends it on change).</summary>
public sealed record Alert(AlertKind Kind, string Message);

/// <summary>The values the decision was made from, so a person can check it.</summary>
public sealed record DecisionFigures
{
    public required decimal Balance { get; init; }
    public required decimal Price { get; init; }
    public required decimal Bid { get; init; }
    public required decimal Ask { get; init; }
    public required decimal Ema50 { get; init; }
    public required decimal Ema200 { get; init; }
    public required decimal Ema100H1 { get; init; }
    public decimal PositionSize { get; init; }
    public decimal PositionMargin { get; init; }
    public decimal UnrealisedPnl { get; init; }
    public decimal? EntryPrice { get; init; }

    /// <summary>Unrealised PnL / position margin (0 without a position or margin).</summary>
    public decimal PnlRatio { get; init; }

    /// <summary>Position margin / balance.</summary>
    public decimal MarginRatio { get; init; }

    /// <summary>(margin + uPnL) / (size × mark × maintenance rate); null when undefined.</summary>
    public decimal? MarginLevel { get; init; }

    public required VolatilityMetrics Volatility { get; init; }
    public required VolatilityAssessment VolatilityAssessment { get; init; }
    public required DeclineAssessment Decline { get; init; }

    /// <summary>This symbol's margin cap as a fraction of balance (max_margin split across active symbols).</summary>
    public decimal SymbolCap { get; init; }

    /// <summary>Margin usage of the symbol if the proposed order filled; set when an order was sized.</summary>
    public decimal? CapUsage { get; init; }
}

/// <summary>
/// What the strategy decided and why. A <see cref="DecisionAction.Hold"/> has no side, quantity or price.
/// </summary>
public sealed record Decision
{
    public required Rule Rule { get; init; }
    public required DecisionAction Action { get; init; }
    public OrderSide? Side { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Price { get; init; }
    public bool ReduceOnly { get; init; }
    public bool PostOnly { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<Alert> Alerts { get; init; }
    public required DecisionFigures Figures { get; init; }

    public bool PlacesOrder => Action != DecisionAction.Hold;
}

public static class RuleCodes
{
    /// <summary>The rule id as users see it: <c>W</c>, <c>P2</c>, …, <c>CAP</c>.</summary>
    public static string Code(this Rule rule) => rule == Rule.Cap ? "CAP" : rule.ToString();

    public static bool TryParse(string? code, out Rule rule)
    {
        if (code == "CAP")
        {
            rule = Rule.Cap;
            return true;
        }
        return Enum.TryParse(code, ignoreCase: false, out rule) && rule != Rule.Cap && Enum.IsDefined(rule);
    }
}
