using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>The sentences a trader reads under "why": one per rule, with the numbers that decided it.</summary>
internal static class Reasons
{
    public static string Gate(DecisionState s)
    {
        var f = s.Figures;
        var where = s.Pair.Side == PositionSide.Long ? "at or below" : "at or above";
        var back = s.Pair.Side == PositionSide.Long ? "above" : "below";
        return $"{s.Pair.Side} position with price {Text.Number(s.Price)} {where} EMA200 {Text.Number(f.Ema200)} and margin level {Text.Level(f.MarginLevel)} (not below {Text.Level(s.Settings.CriticalMarginLevel)}): safe, nothing to do until price is back {back} EMA200 or the margin level falls below {Text.Level(s.Settings.CriticalMarginLevel)}.";
    }

    public static string CriticalAdd(DecisionState s) =>
        $"Margin level {Text.Level(s.Figures.MarginLevel)} is below {Text.Level(s.Settings.CriticalMarginLevel)}: adding to support the position.";

    public static string SafeDeclineAdd(DecisionState s) =>
        $"Decline is {Describe(s.Decline)} and position margin {Text.Percent(s.Figures.MarginRatio)} of balance is below {Text.Percent(s.Settings.TargetMargin * s.Settings.SafeDeclineFactor)} (target × {Text.Number(s.Settings.SafeDeclineFactor)}): adding.";

    public static string BelowTargetAdd(DecisionState s) =>
        $"Market is calm and position margin {Text.Percent(s.Figures.MarginRatio)} of balance is below the {Text.Percent(s.Settings.TargetMargin)} target: adding.";

    public static string DipAdd(DecisionState s) =>
        $"Position is {Text.Percent(s.Figures.PnlRatio)} of its margin in loss, below {Text.Percent(s.Settings.AddBelowPnl)}, with price {Text.Number(s.Price)} on the right side of EMA50 {Text.Number(s.Figures.Ema50)}: adding on the dip.";

    public static string AddsPausedByDecline(DecisionState s) =>
        $"Dangerous decline ({Describe(s.Decline)}): additions are paused.";

    public static string AddsPausedByVolatility(DecisionState s) =>
        $"High volatility ({Describe(s.Volatility)}): additions are paused.";

    public static string NothingToDo(DecisionState s) =>
        $"Nothing to do: position margin {Text.Percent(s.Figures.MarginRatio)} of balance, PnL {Text.Percent(s.Figures.PnlRatio)} of margin; no add or profit rule applies.";

    public static string ManualMode(DecisionState s) =>
        $"No {s.Pair.Side} position and automatic mode is off: nothing to do.";

    public static string Open(DecisionState s)
    {
        var relation = s.Pair.Side == PositionSide.Long ? "below" : "above";
        return $"No position; price {Text.Number(s.Price)} is {relation} the 1h EMA100 {Text.Number(s.Figures.Ema100H1)} and the market is calm: opening {s.Pair.Side}.";
    }

    public static string EntryPausedByDecline(DecisionState s) =>
        $"No position; dangerous decline ({Describe(s.Decline)}): no new position.";

    public static string EntryPausedByVolatility(DecisionState s) =>
        $"No position; high volatility ({Describe(s.Volatility)}): no new position.";

    public static string WaitingForDip(DecisionState s) => s.Pair.Side == PositionSide.Long
        ? $"No position; price {Text.Number(s.Price)} is not below the 1h EMA100 {Text.Number(s.Figures.Ema100H1)}: waiting for a dip."
        : $"No position; price {Text.Number(s.Price)} is not above the 1h EMA100 {Text.Number(s.Figures.Ema100H1)}: waiting for a rise.";

    public static string Sizing(decimal quantity, decimal requiredMargin, decimal balance, decimal taper)
    {
        var tapered = taper < 1 ? $", tapered to {Text.Percent(taper)} near the margin cap" : string.Empty;
        return $"Order {Text.Number(quantity)} needs {Text.Money(requiredMargin)} USDT margin ({Text.Percent(requiredMargin / balance)} of balance{tapered}).";
    }

    public static string CapRefusal(DecisionState s, Rule wanted, decimal quantity, decimal requiredMargin, decimal usage) =>
        $"Margin cap: {wanted.Code()} wanted {Text.Number(quantity)} ({Text.Money(requiredMargin)} USDT margin), which would bring {s.Pair.Symbol} to {Text.Percent(usage)} of balance, above its cap of {Text.Percent(s.Margins.Cap)} (max_margin {Text.Percent(s.Settings.MaxMargin)} over {s.Margins.ActiveSymbols} active symbol{(s.Margins.ActiveSymbols == 1 ? "" : "s")}); holding.";

    public static string Reduce(DecisionState s, ReduceStep step, decimal quantity) =>
        $"Taking profit: position margin {Text.Percent(s.Figures.MarginRatio)} of balance is above the {Text.PercentUnits(step.ThresholdPercent)} step and uPnL {Text.Money(s.Figures.UnrealisedPnl)} USDT is {Text.Percent(s.Figures.UnrealisedPnl / s.Figures.Balance)} of balance; closing {Text.Percent(step.Fraction)} ({Text.Number(quantity)}).";

    public static string ReduceLargerThanPosition(DecisionState s, ReduceStep step, decimal quantity) =>
        $"Profit step {Text.PercentUnits(step.ThresholdPercent)} reached, but {Text.Percent(step.Fraction)} of the position rounds to {Text.Number(quantity)}, more than its size {Text.Number(s.Figures.PositionSize)}: holding.";

    public static string Close(DecisionState s) =>
        $"Target profit reached: PnL is {Text.Percent(s.Figures.PnlRatio)} of position margin, above {Text.Percent(s.Settings.TakeProfitPnl)}; closing the whole position ({Text.Number(s.Figures.PositionSize)}).";

    public static string ProfitBelowSteps(DecisionState s) =>
        $"In profit ({Text.Money(s.Figures.UnrealisedPnl)} USDT, {Text.Percent(s.Figures.UnrealisedPnl / s.Figures.Balance)} of balance) with margin {Text.Percent(s.Figures.MarginRatio)} of balance, not above any profit step ({string.Join(", ", s.Settings.ReduceStepsLargestFirst.Select(x => Text.PercentUnits(x.ThresholdPercent)))}) and PnL {Text.Percent(s.Figures.PnlRatio)} of margin not above {Text.Percent(s.Settings.TakeProfitPnl)}: holding.";

    private static string Describe(DeclineAssessment decline) => $"{decline.Type.Code()}, score {Text.Number(decline.Score)}";

    private static string Describe(VolatilityAssessment volatility) =>
        $"{volatility.Trigger.Code()} {Text.Number(volatility.Value ?? 0)} above {Text.Number(volatility.Threshold ?? 0)}";
}
