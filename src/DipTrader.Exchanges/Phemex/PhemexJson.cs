using System.Globalization;
using System.Text.Json;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Lenient readers for Phemex JSON: numbers arrive as decimal strings ("0.053") or as JSON numbers, codes as
/// either, and some fields change casing between endpoints. Everything is culture-invariant; a missing or
/// malformed field is a <see cref="FormatException"/> naming it.
/// </summary>
internal static class PhemexJson
{
    /// <summary>Plain decimal notation, never an exponent, no trailing zeros ("0.001", "37000.5").</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static decimal RequiredDecimal(JsonElement parent, string name) =>
        OptionalDecimal(parent, name) ?? throw new FormatException($"Field '{name}' is missing.");

    public static decimal? OptionalDecimal(JsonElement parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (TryGet(parent, name, out var value) && value.ValueKind is not JsonValueKind.Null)
            {
                return ToDecimal(value, name);
            }
        }
        return null;
    }

    public static decimal ToDecimal(JsonElement value, string what)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return number;
            case JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new FormatException($"Field '{what}' is not a decimal number (got {Describe(value)}).");
        }
    }

    public static long ToInt64(JsonElement value, string what)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new FormatException($"Field '{what}' is not an integer (got {Describe(value)}).");
        }
    }

    public static string RequiredString(JsonElement parent, params ReadOnlySpan<string> names) =>
        OptionalString(parent, names) ?? throw new FormatException($"Field '{names[0]}' is missing.");

    /// <summary>The first present field of <paramref name="names"/>, as text (numbers keep their raw digits).</summary>
    public static string? OptionalString(JsonElement parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (TryGet(parent, name, out var value))
            {
                var text = AsText(value);
                if (text is not null)
                {
                    return text;
                }
            }
        }
        return null;
    }

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Rows of a list answer: a bare array, or an object carrying them in <c>rows</c>.</summary>
    public static IEnumerable<JsonElement> Rows(JsonElement data)
    {
        var rows = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("rows", out var inner) ? inner : data;
        return rows.ValueKind == JsonValueKind.Array ? rows.EnumerateArray() : [];
    }

    private static string Describe(JsonElement value)
    {
        var raw = value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText();
        return raw.Length <= 40 ? raw : string.Concat(raw.AsSpan(0, 40), "…");
    }
}
