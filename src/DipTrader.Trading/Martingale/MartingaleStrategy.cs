using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>
/// The martingale decision: W, P2–P8, N1–N5, T1–T4 and CAP, with the corrections of STRATEGY.md.
/// A pure function of its inputs: no clock, no I/O, no memory between calls.
/// </summary>
public static class MartingaleStrategy
{
    public static Decision Decide(PairSettings pair, MarketSnapshot market, AccountSnapshot account)
    {
        if (account.Balance <= 0)
        {
            throw new ArgumentException("The account balance must be greater than 0 to decide.", nameof(account));
        }
        var state = DecisionState.Create(pair, market, account);
        return state.Position is null ? DecideWithoutPosition(state) : DecideWithPosition(state);
    }

    private static Decision DecideWithPosition(DecisionState s)
    {
        var settings = s.Settings;
        var isCritical = s.IsCritical;
        if (!isCritical && !s.PriceOnRightSideOf(s.Market.Indicators.Ema200))
        {
            return s.Hold(Rule.W, Reasons.Gate(s));
        }
        if (s.Figures.UnrealisedPnl / s.Figures.Balance > settings.MinProfitOfBalance && s.Figures.MarginRatio >= settings.TargetMargin)
        {
            return TakeProfit(s);
        }
        var danger = s.Decline.IsDangerous;
        var calm = !danger && !s.Volatility.IsHigh;
        if (isCritical)
        {
            return Add(s, Rule.P2, Reasons.CriticalAdd(s));
        }
        if (!danger && s.Decline.IsSafe && s.Figures.MarginRatio < settings.TargetMargin * settings.SafeDeclineFactor)
        {
            return Add(s, Rule.P3, Reasons.SafeDeclineAdd(s));
        }
        if (calm && s.Figures.MarginRatio < settings.TargetMargin)
        {
            return Add(s, Rule.P4, Reasons.BelowTargetAdd(s));
        }
        if (calm && s.Figures.UnrealisedPnl < 0 && s.Figures.PnlRatio < settings.AddBelowPnl && s.PriceOnRightSideOf(s.Market.Indicators.Ema50))
        {
            return Add(s, Rule.P5, Reasons.DipAdd(s));
        }
        if (danger)
        {
            return s.Hold(Rule.P6, Reasons.AddsPausedByDecline(s));
        }
        if (s.Volatility.IsHigh)
        {
            return s.Hold(Rule.P7, Reasons.AddsPausedByVolatility(s));
        }
        return s.Hold(Rule.P8, Reasons.NothingToDo(s));
    }

    private static Decision DecideWithoutPosition(DecisionState s)
    {
        if (!s.Pair.AutomaticMode)
        {
            return s.Hold(Rule.N5, Reasons.ManualMode(s));
        }
        var danger = s.Decline.IsDangerous;
        var dipped = s.Pair.Side == PositionSide.Long ? s.Price < s.Market.Indicators.Ema100H1 : s.Price > s.Market.Indicators.Ema100H1;
        if (!s.Volatility.IsHigh && !danger && dipped)
        {
            return Add(s, Rule.N1, Reasons.Open(s));
        }
        if (danger)
        {
            return s.Hold(Rule.N2, Reasons.EntryPausedByDecline(s));
        }
        if (s.Volatility.IsHigh)
        {
            return s.Hold(Rule.N3, Reasons.EntryPausedByVolatility(s));
        }
        return s.Hold(Rule.N4, Reasons.WaitingForDip(s));
    }

    /// <summary>Opens or adds: size, taper, round, then the cap (semantics 1 and 2).</summary>
    private static Decision Add(DecisionState s, Rule rule, ReasonFacts reason)
    {
        var pair = s.Pair;
        var figures = s.Figures;
        var raw = figures.PositionMargin == 0
            ? figures.Balance * s.Settings.FirstOrderMargin * pair.Leverage / s.Price
            : figures.PositionMargin * pair.Leverage * -figures.PnlRatio / s.Price;
        var taper = s.Margins.TaperFactor(figures.Balance, s.Settings.TaperStart);
        var quantity = s.Market.Instrument.RoundQuantity(raw * taper);
        var required = quantity * s.Price / pair.Leverage;
        var usage = s.Margins.UsageWith(required, figures.Balance);
        var sized = figures with { CapUsage = usage };
        if (usage > s.Margins.Cap)
        {
            return s.Hold(Rule.Cap, Reasons.CapRefusal(s, rule, quantity, required, usage), sized);
        }
        var action = s.Position is null ? DecisionAction.Open : DecisionAction.Add;
        return s.Order(rule, action, pair.Side.EntrySide(), quantity, s.Price, reduceOnly: false, s.Settings.PostOnly, reason.WithSizing(quantity, required, figures.Balance, taper), sized);
    }

    /// <summary>The profit-taking path P1 enters (semantics 5).</summary>
    private static Decision TakeProfit(DecisionState s)
    {
        var position = s.Position!;
        var marginPercent = s.Figures.MarginRatio * 100;
        var steps = s.Settings.ReduceStepsLargestFirst;
        var exitPrice = s.Market.Quote.ExitPrice(s.Pair.Side);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (marginPercent <= step.ThresholdPercent)
            {
                continue;
            }
            var rule = i == steps.Count - 1 ? Rule.T1 : Rule.T2;
            var quantity = s.Market.Instrument.RoundQuantity(position.Size * step.Fraction);
            if (quantity > position.Size)
            {
                return s.Hold(rule, Reasons.ReduceLargerThanPosition(s, i, quantity));
            }
            return s.Order(rule, DecisionAction.Reduce, s.Pair.Side.ExitSide(), quantity, exitPrice, reduceOnly: true, postOnly: false, Reasons.Reduce(s, i, quantity));
        }
        if (s.Figures.PnlRatio > s.Settings.TakeProfitPnl)
        {
            return s.Order(Rule.T3, DecisionAction.Close, s.Pair.Side.ExitSide(), position.Size, exitPrice, reduceOnly: true, postOnly: false, Reasons.Close(s));
        }
        return s.Hold(Rule.T4, Reasons.ProfitBelowSteps(s));
    }
}
