using System.Globalization;
using System.Text;
using System.Text.Json;
using DipTrader.Trading.Martingale;

namespace DipTrader.Web.Pages.Bots;

public enum StrategyFieldKind
{
    Number,

    /// <summary>reduce_steps, typed as "threshold:fraction" pairs.</summary>
    Steps,

    /// <summary>post_only, a checkbox.</summary>
    Flag,
}

/// <summary>One strategy setting as a form field: its key, meaning, default and allowed range.</summary>
public sealed record StrategyField(SettingDescription Description, StrategyFieldKind Kind)
{
    public string Key => Description.Key;

    /// <summary>The key PairService reports its errors under.</summary>
    public string ErrorKey => "Config." + Key;

    public string Label
    {
        get
        {
            var words = Key.Split('_').Select(word => word switch
            {
                "pnl" => "PnL",
                "bb" => "Bollinger",
                "atr" => "ATR",
                "hist" => "historical",
                "vol" => "volatility",
                _ => word,
            });
            var text = string.Join(' ', words);
            return char.ToUpperInvariant(text[0]) + text[1..];
        }
    }

    /// <summary>The meaning as a sentence (capitalised).</summary>
    public string Meaning => char.ToUpperInvariant(Description.Meaning[0]) + Description.Meaning[1..];
}

/// <summary>
/// Turns the strategy settings (<see cref="MartingaleSettingsJson"/>) into one form field per key and back into the
/// config JSON. Numbers are parsed invariant; text that is not a number is passed on as a JSON string so the
/// service's validation reports it under the field ("must be …, got …") — never a silent default, never a 500.
/// </summary>
public static class StrategyForm
{
    private const string StepsKey = "reduce_steps";
    private const string FlagKey = "post_only";

    public static IReadOnlyList<StrategyField> Fields { get; } =
    [
        .. MartingaleSettingsJson.Describe().Select(d => new StrategyField(d, d.Key switch
        {
            StepsKey => StrategyFieldKind.Steps,
            FlagKey => StrategyFieldKind.Flag,
            _ => StrategyFieldKind.Number,
        })),
    ];

    /// <summary>Every setting as form text, from a stored config (null or empty means every default).</summary>
    public static StrategyValues ValuesOf(string? config)
    {
        var parsed = MartingaleSettingsJson.Parse(config);
        var settings = parsed.Value ?? MartingaleSettings.Default;
        using var document = JsonDocument.Parse(MartingaleSettingsJson.Write(settings));
        var root = document.RootElement;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var postOnly = settings.PostOnly;
        foreach (var field in Fields)
        {
            if (!root.TryGetProperty(field.Key, out var value))
            {
                continue;
            }
            values[field.Key] = field.Kind switch
            {
                StrategyFieldKind.Steps => StepsText(value),
                StrategyFieldKind.Flag => null,
                _ => value.GetRawText(),
            };
        }
        return new StrategyValues(values, postOnly, parsed.IsValid);
    }

    /// <summary>The config JSON of the typed values; a blank field is left out (its default applies).</summary>
    public static string ToJson(IReadOnlyDictionary<string, string?> values, bool postOnly)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in Fields)
            {
                var text = values.GetValueOrDefault(field.Key)?.Trim();
                if (field.Kind == StrategyFieldKind.Flag)
                {
                    writer.WriteBoolean(field.Key, postOnly);
                }
                else if (string.IsNullOrEmpty(text))
                {
                    continue;
                }
                else if (field.Kind == StrategyFieldKind.Steps && ParseSteps(text) is { } steps)
                {
                    writer.WriteStartArray(field.Key);
                    foreach (var (threshold, fraction) in steps)
                    {
                        writer.WriteStartArray();
                        writer.WriteNumberValue(threshold);
                        writer.WriteNumberValue(fraction);
                        writer.WriteEndArray();
                    }
                    writer.WriteEndArray();
                }
                else if (field.Kind == StrategyFieldKind.Number && TryNumber(text, out var number))
                {
                    writer.WriteNumber(field.Key, number);
                }
                else
                {
                    writer.WriteString(field.Key, text);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>"10:0.5, 7.5:0.33" as (threshold, fraction) pairs, or null when any part is not two numbers.</summary>
    public static IReadOnlyList<(decimal Threshold, decimal Fraction)>? ParseSteps(string text)
    {
        var steps = new List<(decimal, decimal)>();
        foreach (var part in text.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var halves = part.Split(':', StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !TryNumber(halves[0], out var threshold) || !TryNumber(halves[1], out var fraction))
            {
                return null;
            }
            steps.Add((threshold, fraction));
        }
        return steps.Count > 0 ? steps : null;
    }

    /// <summary>The JSON array form [[10,0.5],[7.5,0.33]] as "10:0.5, 7.5:0.33".</summary>
    public static string StepsText(JsonElement steps) => steps.ValueKind != JsonValueKind.Array
        ? steps.GetRawText()
        : string.Join(", ", steps.EnumerateArray().Select(step => step.ValueKind == JsonValueKind.Array && step.GetArrayLength() == 2
            ? $"{step[0].GetRawText()}:{step[1].GetRawText()}"
            : step.GetRawText()));

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
}

/// <summary>Form text per setting key, post_only, and whether the stored config could be read.</summary>
public sealed record StrategyValues(Dictionary<string, string?> Values, bool PostOnly, bool StoredConfigValid);
