using System.Text.Json;

namespace DipTrader.Trading.Explain;

/// <summary>
/// Reads fields of one JSON object and collects an error per bad field, each naming its full path
/// (e.g. <c>market.instrument.qtyStep</c>). Unknown fields are errors too: a typo must not pass silently.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _path;
    private readonly List<ValidationError> _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonFields(JsonElement element, string path, List<ValidationError> errors)
    {
        _element = element;
        _path = path;
        _errors = errors;
    }

    /// <summary>The object at <paramref name="path"/>, or null (with an error) when it is not an object.</summary>
    public static JsonFields? Open(JsonElement element, string path, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(path, $"must be a JSON object (got {Kind(element)})"));
            return null;
        }
        return new JsonFields(element, path, errors);
    }

    public string PathOf(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    public void Error(string name, string message) => _errors.Add(new ValidationError(PathOf(name), message));

    /// <summary>The raw element of a field, marking it known; null when absent.</summary>
    public JsonElement? Raw(string name)
    {
        _known.Add(name);
        return _element.TryGetProperty(name, out var value) ? value : null;
    }

    public JsonFields? Child(string name, bool required = true)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (required)
            {
                Error(name, "is missing");
            }
            return null;
        }
        return Open(raw.Value, PathOf(name), _errors);
    }

    public string? String(string name, bool required = true)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (required)
            {
                Error(name, "is missing");
            }
            return null;
        }
        if (raw.Value.ValueKind != JsonValueKind.String)
        {
            Error(name, $"must be a string (got {Kind(raw.Value)})");
            return null;
        }
        return raw.Value.GetString();
    }

    public bool? Boolean(string name, bool? fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (fallback is null)
            {
                Error(name, "is missing");
            }
            return fallback;
        }
        if (raw.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return raw.Value.GetBoolean();
        }
        Error(name, $"must be true or false (got {Kind(raw.Value)})");
        return null;
    }

    public int? Integer(string name, int? fallback)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (fallback is null)
            {
                Error(name, "is missing");
            }
            return fallback;
        }
        if (raw.Value.ValueKind == JsonValueKind.Number && raw.Value.TryGetInt32(out var value))
        {
            return value;
        }
        Error(name, $"must be a whole number (got {Kind(raw.Value)})");
        return null;
    }

    /// <summary>A required number satisfying <paramref name="rule"/>, described by <paramref name="allowed"/>.</summary>
    public decimal? Decimal(string name, Func<decimal, bool> rule, string allowed)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Error(name, $"is missing ({allowed})");
            return null;
        }
        if (raw.Value.ValueKind == JsonValueKind.Number && raw.Value.TryGetDecimal(out var value))
        {
            if (rule(value))
            {
                return value;
            }
            Error(name, $"must be {allowed} (got {raw.Value.GetRawText()})");
            return null;
        }
        Error(name, $"must be a number, {allowed} (got {Kind(raw.Value)})");
        return null;
    }

    /// <summary>A required number (any finite value) read as a double.</summary>
    public double? Double(string name)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            Error(name, "is missing");
            return null;
        }
        if (raw.Value.ValueKind == JsonValueKind.Number && raw.Value.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }
        Error(name, $"must be a number (got {Kind(raw.Value)})");
        return null;
    }

    /// <summary>Reports every field this reader was never asked about.</summary>
    public void RejectUnknown()
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Error(property.Name, $"is not a known field (known: {string.Join(", ", _known)})");
            }
        }
    }

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(element.GetString() ?? "")}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
