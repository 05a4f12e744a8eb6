using System.Diagnostics.CodeAnalysis;
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
    private DecisionReason _reason = DecisionReason.None;

    public Decision()
    {
    }

    /// <summary>The strategy's decision: its reason is written when first read.</summary>
    // Reason is not assigned: it reads _reason, which is set here from the facts.
#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal Decision(Rule rule, DecisionAction action, ReasonFacts reason, IReadOnlyList<Alert> alerts, DecisionFigures figures)
    {
        Rule = rule;
        Action = action;
        _reason = new DecisionReason(reason);
        Alerts = alerts;
        Figures = figures;
    }
#pragma warning restore CS8618

    public required Rule Rule { get; init; }
    public required DecisionAction Action { get; init; }
    public OrderSide? Side { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Price { get; init; }
    public bool ReduceOnly { get; init; }
    public bool PostOnly { get; init; }
    /// <summary>Why, in the trader's words: written from <see cref="TryGetReasonFacts"/> on first read when the strategy made the decision.</summary>
    public required string Reason
    {
        get => _reason.Text;
        init => _reason = new DecisionReason(value);
    }

    public required IReadOnlyList<Alert> Alerts { get; init; }
    public required DecisionFigures Figures { get; init; }

    public bool PlacesOrder => Action != DecisionAction.Hold;

    /// <summary>
    /// The numbers the reason is written from, when the strategy made this decision (and no <c>with</c> replaced its
    /// reason): a backtest keeps these rather than the text, which <see cref="ReasonFacts.Write"/> gives back.
    /// </summary>
    public bool TryGetReasonFacts(out ReasonFacts facts) => _reason.TryGetFacts(out facts);
}

/// <summary>
/// A reason given as text, or as the facts it is written from on first read. Equal when the texts are, so a decision
/// equals another with the same words however each was made.
/// </summary>
internal sealed class DecisionReason : IEquatable<DecisionReason>
{
    public static readonly DecisionReason None = new(string.Empty);

    private readonly ReasonFacts _facts;
    private readonly bool _hasFacts;
    private string? _text;

    public DecisionReason(string text)
    {
        _text = text;
    }

    public DecisionReason(ReasonFacts facts)
    {
        _facts = facts;
        _hasFacts = true;
    }

    // Two threads may both write it: the same text, either one kept.
    public string Text => _text ??= _facts.Write();

    public bool TryGetFacts(out ReasonFacts facts)
    {
        facts = _facts;
        return _hasFacts;
    }

    public bool Equals(DecisionReason? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DecisionReason);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);
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
