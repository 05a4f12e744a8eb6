namespace DipTrader.Trading.Martingale;

/// <summary>
/// The strategy parameters of one trading pair (the <c>trading_pairs.config</c> JSON). Every key has the
/// default of STRATEGY.md; <see cref="MartingaleSettingsJson"/> parses and writes them with validation.
/// </summary>
public sealed record MartingaleSettings
{
    public static MartingaleSettings Default { get; } = new();

    /// <summary>Margin of the first order as a fraction of balance (<c>begin_size_of_balance</c>).</summary>
    public decimal FirstOrderMargin { get; init; } = 0.006m;

    /// <summary>Position margin / balance before profits are taken (<c>buy_until_limit</c>).</summary>
    public decimal TargetMargin { get; init; } = 0.02m;

    /// <summary>Unrealised PnL / balance needed to take profit (<c>profit_threshold</c>).</summary>
    public decimal MinProfitOfBalance { get; init; } = 0.003m;

    /// <summary>PnL / position margin that closes the whole position (<c>profit_pnl</c>).</summary>
    public decimal TakeProfitPnl { get; init; } = 0.10m;

    /// <summary>PnL / position margin under which rule P5 adds.</summary>
    public decimal AddBelowPnl { get; init; } = -0.05m;

    /// <summary>Rule P3 adds while margin &lt; target_margin × this.</summary>
    public decimal SafeDeclineFactor { get; init; } = 1.5m;

    /// <summary>Margin cap as a fraction of balance, split across active symbols (<c>max_margin_pct</c>).</summary>
    public decimal MaxMargin { get; init; } = 0.50m;

    /// <summary>Fraction of the cap where order sizes start to taper.</summary>
    public decimal TaperStart { get; init; } = 0.70m;

    /// <summary>Profit-taking steps; <see cref="ReduceStepsLargestFirst"/> is the order they are checked in.</summary>
    public IReadOnlyList<ReduceStep> ReduceSteps
    {
        get => _reduceSteps;
        init => _reduceSteps = [.. value.OrderByDescending(s => s.ThresholdPercent)];
    }

    private readonly IReadOnlyList<ReduceStep> _reduceSteps = [new(10.0m, 0.5m), new(7.5m, 0.33m)];

    /// <summary>Below this margin level a position is always managed and may always be added to.</summary>
    public decimal CriticalMarginLevel { get; init; } = 2.0m;

    /// <summary>Below this margin level a margin warning is sent.</summary>
    public decimal WarningMarginLevel { get; init; } = 1.5m;

    /// <summary>Entries as post-only limit orders (<c>USE_POSTONLY</c>).</summary>
    public bool PostOnly { get; init; } = true;

    /// <summary>Bollinger width (%) above which the market counts as highly volatile.</summary>
    public decimal BbWidthMax { get; init; } = 8.0m;

    /// <summary>Historical volatility (% per candle) above which the market counts as highly volatile.</summary>
    public decimal HistVolMax { get; init; } = 5.0m;

    /// <summary>ATR above this times the window's mean ATR counts as highly volatile.</summary>
    public decimal AtrFactor { get; init; } = 1.5m;

    /// <summary>The steps from the largest threshold down (correction 1).</summary>
    public IReadOnlyList<ReduceStep> ReduceStepsLargestFirst => _reduceSteps;

    public bool Equals(MartingaleSettings? other) =>
        other is not null
        && FirstOrderMargin == other.FirstOrderMargin && TargetMargin == other.TargetMargin
        && MinProfitOfBalance == other.MinProfitOfBalance && TakeProfitPnl == other.TakeProfitPnl
        && AddBelowPnl == other.AddBelowPnl && SafeDeclineFactor == other.SafeDeclineFactor
        && MaxMargin == other.MaxMargin && TaperStart == other.TaperStart
        && _reduceSteps.SequenceEqual(other._reduceSteps)
        && CriticalMarginLevel == other.CriticalMarginLevel && WarningMarginLevel == other.WarningMarginLevel
        && PostOnly == other.PostOnly && BbWidthMax == other.BbWidthMax && HistVolMax == other.HistVolMax
        && AtrFactor == other.AtrFactor;

    public override int GetHashCode() => HashCode.Combine(FirstOrderMargin, TargetMargin, MaxMargin, _reduceSteps.Count, PostOnly);
}
