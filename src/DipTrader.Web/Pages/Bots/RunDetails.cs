using System.Globalization;
using System.Text.Json;

namespace DipTrader.Web.Pages.Bots;

/// <summary>One labelled value of a run's explanation.</summary>
public sealed record RunFact(string Label, string Value, string? Key = null);

/// <summary>A titled group of facts.</summary>
public sealed record RunFactGroup(string Title, IReadOnlyList<RunFact> Facts);

/// <summary>
/// A run's <c>details</c> JSON (the explain output of DecisionJson) as readable groups: the decision, the
/// assessment, the alerts and every figure. Keys it does not know are still shown, under their own names;
/// a row without details (adopted from the predecessor) or with unreadable details gives no groups.
/// </summary>
public sealed class RunDetails
{
    private static readonly string[] DecisionKeys = ["rule", "action", "side", "quantity", "price", "reduceOnly", "postOnly", "reason"];
    private static readonly string[] AssessmentKeys = ["pnlRatio", "marginRatio", "marginLevel", "declineType", "velocityScore", "highVolatility", "trigger"];
    private static readonly HashSet<string> Ratios = new(StringComparer.Ordinal) { "pnlRatio", "marginRatio", "symbolCap", "capUsage" };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["rule"] = "Rule",
        ["action"] = "Action",
        ["side"] = "Order side",
        ["quantity"] = "Quantity",
        ["price"] = "Order price",
        ["reduceOnly"] = "Reduce-only",
        ["postOnly"] = "Post-only",
        ["reason"] = "Reason",
        ["pnlRatio"] = "PnL / position margin",
        ["marginRatio"] = "Position margin / balance",
        ["marginLevel"] = "Margin level",
        ["declineType"] = "Decline type",
        ["velocityScore"] = "Decline velocity score (0–100)",
        ["highVolatility"] = "High volatility",
        ["trigger"] = "Volatility trigger",
        ["balance"] = "Balance",
        ["decisionPrice"] = "Price used for the decision",
        ["bid"] = "Bid",
        ["ask"] = "Ask",
        ["ema50"] = "EMA50",
        ["ema200"] = "EMA200",
        ["ema100h1"] = "EMA100 (1 hour)",
        ["positionSize"] = "Position size",
        ["positionMargin"] = "Position margin",
        ["unrealisedPnl"] = "Unrealised PnL",
        ["entryPrice"] = "Entry price",
        ["symbolCap"] = "Symbol's margin cap (of balance)",
        ["capUsage"] = "Cap usage if the order filled (of balance)",
        ["atr"] = "ATR",
        ["atrThreshold"] = "ATR threshold",
        ["bbWidth"] = "Bollinger width (%)",
        ["historicalVolatility"] = "Historical volatility (% per candle)",
        ["roc5"] = "Rate of change, 5 candles (%)",
        ["roc15"] = "Rate of change, 15 candles (%)",
        ["roc30"] = "Rate of change, 30 candles (%)",
        ["smoothnessRatio"] = "Smoothness ratio",
        ["volumeRatio"] = "Volume ratio",
    };

    private RunDetails(IReadOnlyList<RunFactGroup> groups, IReadOnlyList<string> alerts, bool unreadable)
    {
        Groups = groups;
        Alerts = alerts;
        Unreadable = unreadable;
    }

    public IReadOnlyList<RunFactGroup> Groups { get; }

    public IReadOnlyList<string> Alerts { get; }

    /// <summary>The row has details, but they are not a JSON object.</summary>
    public bool Unreadable { get; }

    public bool IsEmpty => Groups.Count == 0;

    public static RunDetails Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new RunDetails([], [], unreadable: false);
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? From(root) : new RunDetails([], [], unreadable: true);
        }
        catch (JsonException)
        {
            return new RunDetails([], [], unreadable: true);
        }
    }

    private static RunDetails From(JsonElement root)
    {
        var groups = new List<RunFactGroup>();
        var known = new HashSet<string>(DecisionKeys.Concat(AssessmentKeys), StringComparer.Ordinal) { "alerts", "figures" };
        AddGroup(groups, "Decision", DecisionKeys.Where(k => root.TryGetProperty(k, out _)).Select(k => Fact(k, root.GetProperty(k))));
        AddGroup(groups, "Assessment", AssessmentKeys.Where(k => root.TryGetProperty(k, out _)).Select(k => Fact(k, root.GetProperty(k))));
        if (root.TryGetProperty("figures", out var figures) && figures.ValueKind == JsonValueKind.Object)
        {
            AddGroup(groups, "Figures", figures.EnumerateObject().Select(p => Fact(p.Name, p.Value)));
        }
        AddGroup(groups, "Other", root.EnumerateObject().Where(p => !known.Contains(p.Name)).Select(p => Fact(p.Name, p.Value)));
        var alerts = new List<string>();
        if (root.TryGetProperty("alerts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var alert in list.EnumerateArray())
            {
                alerts.Add(alert.ValueKind == JsonValueKind.Object && alert.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString()!
                    : alert.GetRawText());
            }
        }
        return new RunDetails(groups, alerts, unreadable: false);
    }

    private static void AddGroup(List<RunFactGroup> groups, string title, IEnumerable<RunFact> facts)
    {
        var list = facts.ToList();
        if (list.Count > 0)
        {
            groups.Add(new RunFactGroup(title, list));
        }
    }

    private static RunFact Fact(string key, JsonElement value) => new(Labels.GetValueOrDefault(key, key), Format(key, value), key);

    private static string Format(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => value.GetString() ?? "—",
        JsonValueKind.Number when Ratios.Contains(key) && value.TryGetDecimal(out var ratio) =>
            $"{value.GetRawText()} ({(ratio * 100).ToString("0.##", CultureInfo.InvariantCulture)}%)",
        _ => value.GetRawText(),
    };
}
