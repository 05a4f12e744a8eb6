using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>The inputs of one decision and the values derived from them (predecessor §3, corrections 7 and 12).</summary>
internal sealed class DecisionState
{
    private readonly IReadOnlyList<Alert> _alerts;

    private DecisionState(PairSettings pair, MarketSnapshot market, Position? position, DecisionFigures figures, MarginBook margins, IReadOnlyList<Alert> alerts)
    {
        Pair = pair;
        Market = market;
        Position = position;
        Figures = figures;
        Margins = margins;
        _alerts = alerts;
    }

    public PairSettings Pair { get; }
    public MartingaleSettings Settings => Pair.Strategy;
    public MarketSnapshot Market { get; }
    public Position? Position { get; }
    public DecisionFigures Figures { get; }
    public MarginBook Margins { get; }

    /// <summary>The decision price: the bid for a Long, the ask for a Short.</summary>
    public decimal Price => Figures.Price;

    public VolatilityAssessment Volatility => Figures.VolatilityAssessment;
    public DeclineAssessment Decline => Figures.Decline;

    /// <summary>Below the critical margin level; an undefined level is never critical (semantics 6).</summary>
    public bool IsCritical => Figures.MarginLevel is { } level && level < Settings.CriticalMarginLevel;

    public static DecisionState Create(PairSettings pair, MarketSnapshot market, AccountSnapshot account)
    {
        var settings = pair.Strategy;
        var balance = account.Balance;
        var position = account.FindOpen(pair.Symbol, pair.Side);
        var margin = position?.PositionMargin ?? 0m;
        var pnl = position?.UnrealisedPnl ?? 0m;
        var indicators = market.Indicators;
        var volatility = Indicators.Volatility.Assess(indicators.Volatility, (double)settings.BbWidthMax, (double)settings.HistVolMax);
        var decline = DeclineVelocity.Assess(indicators.Decline);
        var margins = MarginBook.For(account, pair.Symbol, settings.MaxMargin);
        var figures = new DecisionFigures
        {
            Balance = balance,
            Price = market.Quote.EntryPrice(pair.Side),
            Bid = market.Quote.Bid,
            Ask = market.Quote.Ask,
            Ema50 = indicators.Ema50,
            Ema200 = indicators.Ema200,
            Ema100H1 = indicators.Ema100H1,
            PositionSize = position?.Size ?? 0m,
            PositionMargin = margin,
            UnrealisedPnl = pnl,
            EntryPrice = position?.EntryPrice,
            PnlRatio = margin != 0 ? pnl / margin : 0m,
            MarginRatio = MarginRatios.Divide(margin, balance),
            MarginLevel = position is null ? null : MarginLevel(position),
            Volatility = indicators.Volatility,
            VolatilityAssessment = volatility,
            Decline = decline,
            SymbolCap = margins.Cap,
        };
        var alerts = position is null ? [] : RaiseAlerts(pair, figures);
        return new DecisionState(pair, market, position, figures, margins, alerts);
    }

    /// <summary>(position margin + uPnL) / (size × mark price × maintenance rate); null when the divisor is 0.</summary>
    public static decimal? MarginLevel(Position position)
    {
        var maintenance = position.Size * position.MarkPrice * position.MaintenanceMarginRate;
        return maintenance == 0 ? null : (position.PositionMargin + position.UnrealisedPnl) / maintenance;
    }

    /// <summary>Long: price above the EMA; Short: price below it.</summary>
    public bool PriceOnRightSideOf(decimal ema) => Pair.Side == PositionSide.Long ? Price > ema : Price < ema;

    public Decision Hold(Rule rule, ReasonFacts reason, DecisionFigures? figures = null) =>
        new(rule, DecisionAction.Hold, reason, _alerts, figures ?? Figures);

    public Decision Order(Rule rule, DecisionAction action, OrderSide side, decimal quantity, decimal price, bool reduceOnly, bool postOnly, ReasonFacts reason, DecisionFigures? figures = null) =>
        new(rule, action, reason, _alerts, figures ?? Figures)
        {
            Side = side,
            Quantity = quantity,
            Price = price,
            ReduceOnly = reduceOnly,
            PostOnly = postOnly,
        };

    /// <returns>A new list with the alerts raised; the shared empty list when none is (most runs).</returns>
    private static IReadOnlyList<Alert> RaiseAlerts(PairSettings pair, DecisionFigures figures)
    {
        var settings = pair.Strategy;
        List<Alert>? alerts = null;
        var critical = figures.MarginLevel is { } l && l < settings.CriticalMarginLevel;
        var action = critical ? "only adding to maintain margin" : "pausing new entries";
        if (figures.MarginLevel is { } level && level < settings.WarningMarginLevel)
        {
            (alerts ??= []).Add(new Alert(AlertKind.MarginWarning,
                $"Margin level {Text.Level(level)} on {pair.Symbol} {pair.Side} is below {Text.Level(settings.WarningMarginLevel)}: liquidation risk. Position margin {Text.Money(figures.PositionMargin)} USDT, uPnL {Text.Money(figures.UnrealisedPnl)} USDT."));
        }
        var volatility = figures.VolatilityAssessment;
        if (volatility.IsHigh)
        {
            (alerts ??= []).Add(new Alert(AlertKind.HighVolatility,
                $"High volatility on {pair.Symbol}: {volatility.Trigger.Code()} {Text.Number(volatility.Value ?? 0)} is above {Text.Number(volatility.Threshold ?? 0)}; {action}."));
        }
        var decline = figures.Decline;
        if (decline.IsDangerous)
        {
            var inputs = decline.Inputs!;
            (alerts ??= []).Add(new Alert(AlertKind.DangerousDecline,
                $"{decline.Type.Code()} on {pair.Symbol}: velocity score {Text.Number(decline.Score)}/100, ROC-5 {Text.Number(inputs.Roc5)}%, smoothness {Text.Number(inputs.SmoothnessRatio)}; {(critical ? action : "pausing additions")}."));
        }
        return alerts ?? NoAlerts;
    }

    private static readonly IReadOnlyList<Alert> NoAlerts = [];

    // Margin and balance change only with a fill or funding, while a replay decides every few minutes.
    private static readonly QuotientMemo MarginRatios = new();
}
