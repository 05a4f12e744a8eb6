using System.Globalization;
using System.Text;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Explain;

/// <summary>A decision laid out for a person reading a terminal.</summary>
public static class DecisionText
{
    public static string Format(PairSettings pair, Decision decision)
    {
        var f = decision.Figures;
        var text = new StringBuilder();
        var order = decision.PlacesOrder
            ? $"{decision.Side} {N(decision.Quantity!.Value)} {pair.Symbol} @ {N(decision.Price!.Value)}{(decision.ReduceOnly ? " reduce-only" : "")}{(decision.PostOnly ? " post-only" : "")}"
            : "no order";
        Line(text, "Pair", $"{pair.Symbol} {pair.Side} ×{pair.Leverage}, EMA interval {pair.EmaInterval} min, automatic mode {(pair.AutomaticMode ? "on" : "off")}");
        Line(text, "Decision", $"{decision.Rule.Code()} {decision.Action}: {order}");
        Line(text, "Why", decision.Reason);
        foreach (var alert in decision.Alerts)
        {
            Line(text, "Alert", alert.Message);
        }
        Line(text, "Balance", $"{N(f.Balance)} USDT");
        Line(text, "Price", $"{N(f.Price)} (bid {N(f.Bid)}, ask {N(f.Ask)})");
        Line(text, "EMAs", $"EMA50 {N(f.Ema50)}, EMA200 {N(f.Ema200)}, 1h EMA100 {N(f.Ema100H1)}");
        if (f.PositionSize > 0)
        {
            Line(text, "Position", $"{N(f.PositionSize)} @ {(f.EntryPrice is { } e ? N(e) : "?")}, margin {N(f.PositionMargin)} USDT ({P(f.MarginRatio)} of balance), uPnL {N(f.UnrealisedPnl)} USDT ({P(f.PnlRatio)} of margin), margin level {(f.MarginLevel is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}");
        }
        else
        {
            Line(text, "Position", "none");
        }
        var volatility = f.VolatilityAssessment.IsHigh ? $"high ({f.VolatilityAssessment.Trigger.Code()})" : "normal";
        Line(text, "Volatility", $"{volatility}; ATR {D(f.Volatility.Atr)} vs {D(f.Volatility.AtrThreshold)}, BB width {D(f.Volatility.BbWidth)}%, HV {D(f.Volatility.HistoricalVolatility)}%");
        Line(text, "Decline", $"{f.Decline.Type.Code()} (score {f.Decline.Score.ToString("0.#", CultureInfo.InvariantCulture)}/100)");
        Line(text, "Margin cap", $"{P(f.SymbolCap)} of balance for {pair.Symbol}{(f.CapUsage is { } u ? $", {P(u)} with this order" : "")}");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"{label + ":",-12}{value}\n");

    private static string N(decimal value) => DecisionJson.Normalize(value).ToString(CultureInfo.InvariantCulture);

    private static string P(decimal fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string D(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
}
