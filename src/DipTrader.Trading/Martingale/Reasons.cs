using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>
/// The sentences a trader reads under "why": one per rule, with the numbers that decided it. The strategy keeps the
/// numbers (<see cref="ReasonFacts"/>) and the sentence is written when first read: a backtest makes over 100,000
/// decisions a year per pair and reads few of their reasons.
/// </summary>
internal static class Reasons
{
    public static ReasonFacts Gate(DecisionState s) =>
        new(s.Pair, ReasonKind.Gate) { Price = s.Price, Ema = s.Figures.Ema200, MarginLevel = s.Figures.MarginLevel };

    public static ReasonFacts CriticalAdd(DecisionState s) =>
        new(s.Pair, ReasonKind.CriticalAdd) { MarginLevel = s.Figures.MarginLevel };

    public static ReasonFacts SafeDeclineAdd(DecisionState s) =>
        new ReasonFacts(s.Pair, ReasonKind.SafeDeclineAdd) { MarginRatio = s.Figures.MarginRatio }.With(s.Decline);

    public static ReasonFacts BelowTargetAdd(DecisionState s) =>
        new(s.Pair, ReasonKind.BelowTargetAdd) { MarginRatio = s.Figures.MarginRatio };

    public static ReasonFacts DipAdd(DecisionState s) =>
        new(s.Pair, ReasonKind.DipAdd) { PnlRatio = s.Figures.PnlRatio, Price = s.Price, Ema = s.Figures.Ema50 };

    public static ReasonFacts AddsPausedByDecline(DecisionState s) => new ReasonFacts(s.Pair, ReasonKind.AddsPausedByDecline).With(s.Decline);

    public static ReasonFacts AddsPausedByVolatility(DecisionState s) => new ReasonFacts(s.Pair, ReasonKind.AddsPausedByVolatility).With(s.Volatility);

    public static ReasonFacts NothingToDo(DecisionState s) =>
        new(s.Pair, ReasonKind.NothingToDo) { MarginRatio = s.Figures.MarginRatio, PnlRatio = s.Figures.PnlRatio };

    public static ReasonFacts ManualMode(DecisionState s) => new(s.Pair, ReasonKind.ManualMode);

    public static ReasonFacts Open(DecisionState s) => new(s.Pair, ReasonKind.Open) { Price = s.Price, Ema = s.Figures.Ema100H1 };

    public static ReasonFacts EntryPausedByDecline(DecisionState s) => new ReasonFacts(s.Pair, ReasonKind.EntryPausedByDecline).With(s.Decline);

    public static ReasonFacts EntryPausedByVolatility(DecisionState s) => new ReasonFacts(s.Pair, ReasonKind.EntryPausedByVolatility).With(s.Volatility);

    public static ReasonFacts WaitingForDip(DecisionState s) => new(s.Pair, ReasonKind.WaitingForDip) { Price = s.Price, Ema = s.Figures.Ema100H1 };

    public static ReasonFacts CapRefusal(DecisionState s, Rule wanted, decimal quantity, decimal requiredMargin, decimal usage) =>
        new(s.Pair, ReasonKind.CapRefusal)
        {
            Wanted = wanted,
            Quantity = quantity,
            Required = requiredMargin,
            Usage = usage,
            Cap = s.Margins.Cap,
            ActiveSymbols = s.Margins.ActiveSymbols,
        };

    /// <param name="step">The index of the step in <see cref="MartingaleSettings.ReduceStepsLargestFirst"/>.</param>
    public static ReasonFacts Reduce(DecisionState s, int step, decimal quantity) =>
        new(s.Pair, ReasonKind.Reduce)
        {
            Step = step,
            MarginRatio = s.Figures.MarginRatio,
            UnrealisedPnl = s.Figures.UnrealisedPnl,
            Balance = s.Figures.Balance,
            Quantity = quantity,
        };

    /// <param name="step">The index of the step in <see cref="MartingaleSettings.ReduceStepsLargestFirst"/>.</param>
    public static ReasonFacts ReduceLargerThanPosition(DecisionState s, int step, decimal quantity) =>
        new(s.Pair, ReasonKind.ReduceLargerThanPosition) { Step = step, Quantity = quantity, PositionSize = s.Figures.PositionSize };

    public static ReasonFacts Close(DecisionState s) =>
        new(s.Pair, ReasonKind.Close) { PnlRatio = s.Figures.PnlRatio, PositionSize = s.Figures.PositionSize };

    public static ReasonFacts ProfitBelowSteps(DecisionState s) =>
        new(s.Pair, ReasonKind.ProfitBelowSteps)
        {
            UnrealisedPnl = s.Figures.UnrealisedPnl,
            Balance = s.Figures.Balance,
            MarginRatio = s.Figures.MarginRatio,
            PnlRatio = s.Figures.PnlRatio,
        };

    /// <summary>The sentence of <paramref name="f"/>, followed by the sizing of its order when it has one.</summary>
    public static string Write(in ReasonFacts f)
    {
        var reason = Sentence(f);
        return f.Sized ? $"{reason} {Sizing(f.Quantity, f.Required, f.Balance, f.Taper)}" : reason;
    }

    private static string Sentence(in ReasonFacts f)
    {
        var pair = f.Pair;
        var settings = pair.Strategy;
        switch (f.Kind)
        {
            case ReasonKind.Gate:
                var where = pair.Side == PositionSide.Long ? "at or below" : "at or above";
                var back = pair.Side == PositionSide.Long ? "above" : "below";
                return $"{pair.Side} position with price {Text.Number(f.Price)} {where} EMA200 {Text.Number(f.Ema)} and margin level {Text.Level(f.MarginLevel)} (not below {Text.Level(settings.CriticalMarginLevel)}): safe, nothing to do until price is back {back} EMA200 or the margin level falls below {Text.Level(settings.CriticalMarginLevel)}.";
            case ReasonKind.CriticalAdd:
                return $"Margin level {Text.Level(f.MarginLevel)} is below {Text.Level(settings.CriticalMarginLevel)}: adding to support the position.";
            case ReasonKind.SafeDeclineAdd:
                return $"Decline is {DescribeDecline(f)} and position margin {Text.Percent(f.MarginRatio)} of balance is below {Text.Percent(settings.TargetMargin * settings.SafeDeclineFactor)} (target × {Text.Number(settings.SafeDeclineFactor)}): adding.";
            case ReasonKind.BelowTargetAdd:
                return $"Market is calm and position margin {Text.Percent(f.MarginRatio)} of balance is below the {Text.Percent(settings.TargetMargin)} target: adding.";
            case ReasonKind.DipAdd:
                return $"Position is {Text.Percent(f.PnlRatio)} of its margin in loss, below {Text.Percent(settings.AddBelowPnl)}, with price {Text.Number(f.Price)} on the right side of EMA50 {Text.Number(f.Ema)}: adding on the dip.";
            case ReasonKind.AddsPausedByDecline:
                return $"Dangerous decline ({DescribeDecline(f)}): additions are paused.";
            case ReasonKind.AddsPausedByVolatility:
                return $"High volatility ({DescribeVolatility(f)}): additions are paused.";
            case ReasonKind.NothingToDo:
                return $"Nothing to do: position margin {Text.Percent(f.MarginRatio)} of balance, PnL {Text.Percent(f.PnlRatio)} of margin; no add or profit rule applies.";
            case ReasonKind.ManualMode:
                return $"No {pair.Side} position and automatic mode is off: nothing to do.";
            case ReasonKind.Open:
                var relation = pair.Side == PositionSide.Long ? "below" : "above";
                return $"No position; price {Text.Number(f.Price)} is {relation} the 1h EMA100 {Text.Number(f.Ema)} and the market is calm: opening {pair.Side}.";
            case ReasonKind.EntryPausedByDecline:
                return $"No position; dangerous decline ({DescribeDecline(f)}): no new position.";
            case ReasonKind.EntryPausedByVolatility:
                return $"No position; high volatility ({DescribeVolatility(f)}): no new position.";
            case ReasonKind.WaitingForDip:
                return pair.Side == PositionSide.Long
                    ? $"No position; price {Text.Number(f.Price)} is not below the 1h EMA100 {Text.Number(f.Ema)}: waiting for a dip."
                    : $"No position; price {Text.Number(f.Price)} is not above the 1h EMA100 {Text.Number(f.Ema)}: waiting for a rise.";
            case ReasonKind.CapRefusal:
                return $"Margin cap: {f.Wanted.Code()} wanted {Text.Number(f.Quantity)} ({Text.Money(f.Required)} USDT margin), which would bring {pair.Symbol} to {Text.Percent(f.Usage)} of balance, above its cap of {Text.Percent(f.Cap)} (max_margin {Text.Percent(settings.MaxMargin)} over {f.ActiveSymbols} active symbol{(f.ActiveSymbols == 1 ? "" : "s")}); holding.";
            case ReasonKind.Reduce:
                var step = settings.ReduceStepsLargestFirst[f.Step];
                return $"Taking profit: position margin {Text.Percent(f.MarginRatio)} of balance is above the {Text.PercentUnits(step.ThresholdPercent)} step and uPnL {Text.Money(f.UnrealisedPnl)} USDT is {Text.Percent(f.UnrealisedPnl / f.Balance)} of balance; closing {Text.Percent(step.Fraction)} ({Text.Number(f.Quantity)}).";
            case ReasonKind.ReduceLargerThanPosition:
                var larger = settings.ReduceStepsLargestFirst[f.Step];
                return $"Profit step {Text.PercentUnits(larger.ThresholdPercent)} reached, but {Text.Percent(larger.Fraction)} of the position rounds to {Text.Number(f.Quantity)}, more than its size {Text.Number(f.PositionSize)}: holding.";
            case ReasonKind.Close:
                return $"Target profit reached: PnL is {Text.Percent(f.PnlRatio)} of position margin, above {Text.Percent(settings.TakeProfitPnl)}; closing the whole position ({Text.Number(f.PositionSize)}).";
            case ReasonKind.ProfitBelowSteps:
                return $"In profit ({Text.Money(f.UnrealisedPnl)} USDT, {Text.Percent(f.UnrealisedPnl / f.Balance)} of balance) with margin {Text.Percent(f.MarginRatio)} of balance, not above any profit step ({string.Join(", ", settings.ReduceStepsLargestFirst.Select(x => Text.PercentUnits(x.ThresholdPercent)))}) and PnL {Text.Percent(f.PnlRatio)} of margin not above {Text.Percent(settings.TakeProfitPnl)}: holding.";
            default:
                throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "Unknown reason.");
        }
    }

    private static string Sizing(decimal quantity, decimal requiredMargin, decimal balance, decimal taper)
    {
        var tapered = taper < 1 ? $", tapered to {Text.Percent(taper)} near the margin cap" : string.Empty;
        return $"Order {Text.Number(quantity)} needs {Text.Money(requiredMargin)} USDT margin ({Text.Percent(requiredMargin / balance)} of balance{tapered}).";
    }

    private static string DescribeDecline(in ReasonFacts f) => $"{f.DeclineType.Code()}, score {Text.Number(f.DeclineScore)}";

    private static string DescribeVolatility(in ReasonFacts f) =>
        $"{f.Trigger.Code()} {Text.Number(f.VolatilityValue)} above {Text.Number(f.VolatilityThreshold)}";
}
