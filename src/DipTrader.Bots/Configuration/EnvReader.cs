using System.Globalization;
using DipTrader.Trading;

namespace DipTrader.Bots.Configuration;

/// <summary>Typed reads of environment variables; each bad value adds an error naming the variable.</summary>
internal sealed class EnvReader(IReadOnlyDictionary<string, string> variables)
{
    private static readonly string[] TrueWords = ["true", "1", "t", "yes", "y", "on"];
    private static readonly string[] FalseWords = ["false", "0", "f", "no", "n", "off"];

    public List<ValidationError> Errors { get; } = [];

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Text(string name) =>
        variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public bool Flag(string name, bool fallback)
    {
        var value = Text(name)?.ToLowerInvariant();
        if (value is null)
        {
            return fallback;
        }
        if (TrueWords.Contains(value))
        {
            return true;
        }
        if (FalseWords.Contains(value))
        {
            return false;
        }
        Errors.Add(new ValidationError(name, $"must be true or false (also 1/0, yes/no); got \"{value}\""));
        return fallback;
    }

    public int Integer(string name, int fallback, int min, int max)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Errors.Add(new ValidationError(name, max == int.MaxValue ? $"must be a whole number (got \"{value}\")" : $"must be a whole number from {min} to {max} (got \"{value}\")"));
        return fallback;
    }

    public decimal Decimal(string name, decimal fallback)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }
        Errors.Add(new ValidationError(name, $"must be a number greater than 0, with a dot for decimals (got \"{value}\")"));
        return fallback;
    }

    public string Choice(string name, string[] allowed, string fallback)
    {
        var value = Text(name)?.ToLowerInvariant();
        if (value is null)
        {
            return fallback;
        }
        if (allowed.Contains(value))
        {
            return value;
        }
        Errors.Add(new ValidationError(name, $"must be one of {string.Join(", ", allowed)} (got \"{value}\")"));
        return fallback;
    }

    public Uri? Url(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        Errors.Add(new ValidationError(name, "must be an absolute http(s) URL such as https://api.phemex.com"));
        return null;
    }
}
