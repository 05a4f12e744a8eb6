using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DipTrader.Trading.Martingale;

/// <summary>Describes one strategy key for forms and documentation.</summary>
public sealed record SettingDescription(string Key, string Meaning, string DefaultValue, string Allowed);

/// <summary>
/// Reads and writes <see cref="MartingaleSettings"/> as the <c>trading_pairs.config</c> JSON object with
/// snake_case keys. A missing key takes its default; an unknown key, a wrong type or a value out of range
/// is an error naming the key and what is allowed.
/// </summary>
public static class MartingaleSettingsJson
{
    private const string ReduceStepsKey = "reduce_steps";
    private const string PostOnlyKey = "post_only";

    private static readonly DecimalRange ThresholdRange = DecimalRange.AboveUpTo(0, 100);
    private static readonly DecimalRange FractionRange = DecimalRange.Open(0, 1);
    private const int MaxReduceSteps = 5;

    private static readonly NumericKey[] NumericKeys =
    [
        new("first_order_margin", "margin of the first order as a fraction of balance", DecimalRange.AboveUpTo(0, 0.5m), s => s.FirstOrderMargin, (s, v) => s with { FirstOrderMargin = v }),
        new("target_margin", "position margin / balance before profits are taken", DecimalRange.AboveUpTo(0, 1), s => s.TargetMargin, (s, v) => s with { TargetMargin = v }),
        new("min_profit_of_balance", "unrealised PnL / balance needed to take profit", DecimalRange.Inclusive(0, 1), s => s.MinProfitOfBalance, (s, v) => s with { MinProfitOfBalance = v }),
        new("take_profit_pnl", "PnL / position margin that closes the whole position", DecimalRange.AboveUpTo(0, 10), s => s.TakeProfitPnl, (s, v) => s with { TakeProfitPnl = v }),
        new("add_below_pnl", "PnL / position margin under which rule P5 adds", DecimalRange.FromBelow(-1, 0), s => s.AddBelowPnl, (s, v) => s with { AddBelowPnl = v }),
        new("safe_decline_factor", "rule P3 adds while margin < target_margin × this", DecimalRange.Inclusive(0.5m, 5), s => s.SafeDeclineFactor, (s, v) => s with { SafeDeclineFactor = v }),
        new("max_margin", "margin cap as a fraction of balance, split across active symbols", DecimalRange.AboveUpTo(0, 1), s => s.MaxMargin, (s, v) => s with { MaxMargin = v }),
        new("taper_start", "fraction of the cap where order sizes start to taper", DecimalRange.FromBelow(0, 1), s => s.TaperStart, (s, v) => s with { TaperStart = v }),
        new("critical_margin_level", "below it the position is always managed and may always be added to", DecimalRange.Inclusive(1, 10), s => s.CriticalMarginLevel, (s, v) => s with { CriticalMarginLevel = v }),
        new("warning_margin_level", "below it a margin warning is sent", DecimalRange.Inclusive(1, 10), s => s.WarningMarginLevel, (s, v) => s with { WarningMarginLevel = v }),
        new("bb_width_max", "Bollinger width (%) above which the market is highly volatile", DecimalRange.AboveUpTo(0, 100), s => s.BbWidthMax, (s, v) => s with { BbWidthMax = v }),
        new("hist_vol_max", "historical volatility (% per 5-minute candle) above which the market is highly volatile", DecimalRange.AboveUpTo(0, 100), s => s.HistVolMax, (s, v) => s with { HistVolMax = v }),
        new("atr_factor", "ATR above this × the window's mean ATR is highly volatile", DecimalRange.AboveUpTo(0, 10), s => s.AtrFactor, (s, v) => s with { AtrFactor = v }),
    ];

    /// <summary>Every key, its meaning, default and allowed values, in table order.</summary>
    public static IReadOnlyList<SettingDescription> Describe()
    {
        var list = NumericKeys
            .Select(k => new SettingDescription(k.Name, k.Meaning, FormatNumber(k.Get(MartingaleSettings.Default)), k.Range.Notation()))
            .ToList();
        list.Insert(8, new SettingDescription(
            ReduceStepsKey,
            "[position margin % of balance, fraction to close] pairs; checked from the largest threshold down",
            FormatSteps(MartingaleSettings.Default.ReduceSteps),
            $"1–{MaxReduceSteps} pairs, threshold in {ThresholdRange.Notation()}, fraction in {FractionRange.Notation()}"));
        list.Add(new SettingDescription(PostOnlyKey, "entries as post-only limit orders", "true", "true or false"));
        return list;
    }

    public static IReadOnlyCollection<string> KeyNames { get; } =
        [.. NumericKeys.Select(k => k.Name), ReduceStepsKey, PostOnlyKey];

    /// <summary>Parses stored JSON; null, empty or whitespace means every default.</summary>
    public static Validated<MartingaleSettings> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Validated<MartingaleSettings>.Ok(MartingaleSettings.Default);
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return Validated<MartingaleSettings>.Fail("config", $"is not valid JSON ({e.Message})");
        }
    }

    /// <summary>Parses a JSON object of settings; errors name the key (without a prefix).</summary>
    public static Validated<MartingaleSettings> Parse(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Validated<MartingaleSettings>.Ok(MartingaleSettings.Default);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Validated<MartingaleSettings>.Fail("config", "must be a JSON object of strategy settings");
        }
        var settings = MartingaleSettings.Default;
        var errors = new List<ValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(new ValidationError(property.Name, "appears twice"));
                continue;
            }
            var numeric = Array.Find(NumericKeys, k => k.Name == property.Name);
            if (numeric is not null)
            {
                if (TryReadNumber(property.Value, out var value) && numeric.Range.Contains(value))
                {
                    settings = numeric.With(settings, value);
                }
                else
                {
                    errors.Add(new ValidationError(property.Name, $"must be {numeric.Range.Describe()} (got {Show(property.Value)})"));
                }
            }
            else if (property.Name == PostOnlyKey)
            {
                if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    settings = settings with { PostOnly = property.Value.GetBoolean() };
                }
                else
                {
                    errors.Add(new ValidationError(PostOnlyKey, $"must be true or false (got {Show(property.Value)})"));
                }
            }
            else if (property.Name == ReduceStepsKey)
            {
                var steps = ReadSteps(property.Value, errors);
                if (steps is not null)
                {
                    settings = settings with { ReduceSteps = steps };
                }
            }
            else
            {
                errors.Add(new ValidationError(property.Name, $"is not a strategy setting; known keys: {string.Join(", ", KeyNames)}"));
            }
        }
        return errors.Count == 0 ? Validated<MartingaleSettings>.Ok(settings) : Validated<MartingaleSettings>.Fail(errors);
    }

    /// <summary>Writes every key, so a stored pair keeps its behaviour even if a default changes.</summary>
    public static string Write(MartingaleSettings settings)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in NumericKeys)
            {
                writer.WritePropertyName(key.Name);
                writer.WriteRawValue(FormatNumber(key.Get(settings)));
            }
            writer.WritePropertyName(ReduceStepsKey);
            writer.WriteRawValue(FormatSteps(settings.ReduceSteps));
            writer.WriteBoolean(PostOnlyKey, settings.PostOnly);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<ReduceStep>? ReadSteps(JsonElement value, List<ValidationError> errors)
    {
        var allowed = $"a list of 1–{MaxReduceSteps} [threshold %, fraction] pairs, threshold in {ThresholdRange.Notation()}, fraction in {FractionRange.Notation()}";
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is < 1 or > MaxReduceSteps)
        {
            errors.Add(new ValidationError(ReduceStepsKey, $"must be {allowed} (got {Show(value)})"));
            return null;
        }
        var steps = new List<ReduceStep>();
        var index = 0;
        var before = errors.Count;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"{ReduceStepsKey}[{index}]";
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2)
            {
                errors.Add(new ValidationError(field, $"must be a [threshold %, fraction] pair (got {Show(item)})"));
            }
            else if (!TryReadNumber(item[0], out var threshold) || !ThresholdRange.Contains(threshold))
            {
                errors.Add(new ValidationError(field, $"threshold must be {ThresholdRange.Describe()} (got {Show(item[0])})"));
            }
            else if (!TryReadNumber(item[1], out var fraction) || !FractionRange.Contains(fraction))
            {
                errors.Add(new ValidationError(field, $"fraction must be {FractionRange.Describe()} (got {Show(item[1])})"));
            }
            else if (steps.Exists(s => s.ThresholdPercent == threshold))
            {
                errors.Add(new ValidationError(field, $"threshold {FormatNumber(threshold)} appears twice"));
            }
            else
            {
                steps.Add(new ReduceStep(threshold, fraction));
            }
            index++;
        }
        return errors.Count == before ? steps : null;
    }

    private static bool TryReadNumber(JsonElement element, out decimal value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value);
    }

    private static string Show(JsonElement element)
    {
        var raw = element.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }

    internal static string FormatNumber(decimal value) => value.ToString("0.0###########", CultureInfo.InvariantCulture);

    private static string FormatSteps(IEnumerable<ReduceStep> steps) =>
        "[" + string.Join(",", steps.Select(s => $"[{FormatNumber(s.ThresholdPercent)},{FormatNumber(s.Fraction)}]")) + "]";

    private sealed record NumericKey(
        string Name,
        string Meaning,
        DecimalRange Range,
        Func<MartingaleSettings, decimal> Get,
        Func<MartingaleSettings, decimal, MartingaleSettings> With);
}
