using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Explain;

/// <summary>Writes a <see cref="Decision"/> as the camelCase JSON <c>diptrader explain</c> prints.</summary>
public static class DecisionJson
{
    public static string Write(Decision decision, bool indented = true)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, decision);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Decision decision)
    {
        var f = decision.Figures;
        writer.WriteStartObject();
        writer.WriteString("rule", decision.Rule.Code());
        writer.WriteString("action", decision.Action.ToString());
        WriteNullableString(writer, "side", decision.Side?.ToString());
        WriteNumber(writer, "quantity", decision.Quantity);
        WriteNumber(writer, "price", decision.Price);
        writer.WriteBoolean("reduceOnly", decision.ReduceOnly);
        writer.WriteBoolean("postOnly", decision.PostOnly);
        writer.WriteString("reason", decision.Reason);
        writer.WriteStartArray("alerts");
        foreach (var alert in decision.Alerts)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", AlertCode(alert.Kind));
            writer.WriteString("message", alert.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteNumber(writer, "pnlRatio", f.PnlRatio);
        WriteNumber(writer, "marginRatio", f.MarginRatio);
        WriteNumber(writer, "marginLevel", f.MarginLevel);
        writer.WriteString("declineType", f.Decline.Type.Code());
        writer.WriteNumber("velocityScore", f.Decline.Score);
        writer.WriteBoolean("highVolatility", f.VolatilityAssessment.IsHigh);
        WriteNullableString(writer, "trigger", f.VolatilityAssessment.Trigger.Code());
        writer.WriteStartObject("figures");
        WriteNumber(writer, "balance", f.Balance);
        WriteNumber(writer, "decisionPrice", f.Price);
        WriteNumber(writer, "bid", f.Bid);
        WriteNumber(writer, "ask", f.Ask);
        WriteNumber(writer, "ema50", f.Ema50);
        WriteNumber(writer, "ema200", f.Ema200);
        WriteNumber(writer, "ema100h1", f.Ema100H1);
        WriteNumber(writer, "positionSize", f.PositionSize);
        WriteNumber(writer, "positionMargin", f.PositionMargin);
        WriteNumber(writer, "unrealisedPnl", f.UnrealisedPnl);
        WriteNumber(writer, "entryPrice", f.EntryPrice);
        WriteNumber(writer, "symbolCap", f.SymbolCap);
        WriteNumber(writer, "capUsage", f.CapUsage);
        WriteNumber(writer, "atr", f.Volatility.Atr);
        WriteNumber(writer, "atrThreshold", f.Volatility.AtrThreshold);
        WriteNumber(writer, "bbWidth", f.Volatility.BbWidth);
        WriteNumber(writer, "historicalVolatility", f.Volatility.HistoricalVolatility);
        var decline = f.Decline.Inputs;
        WriteNumber(writer, "roc5", decline?.Roc5);
        WriteNumber(writer, "roc15", decline?.Roc15);
        WriteNumber(writer, "roc30", decline?.Roc30);
        WriteNumber(writer, "smoothnessRatio", decline?.SmoothnessRatio);
        WriteNumber(writer, "volumeRatio", decline?.VolumeRatio);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string AlertCode(AlertKind kind) => kind switch
    {
        AlertKind.MarginWarning => "marginWarning",
        AlertKind.HighVolatility => "highVolatility",
        _ => "dangerousDecline",
    };

    /// <summary>Drops trailing zeros so 0.0120 prints as 0.012.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Normalize(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
