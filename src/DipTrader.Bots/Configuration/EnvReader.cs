using System.Globalization;
using DipTrader.Trading;

namespace DipTrader.Bots.Configuration;

/// <summary>Typed reads of environment variables; each bad value adds an error naming the variable.</summary>
internal sealed class EnvReader(IReadOnlyDictionary<string, string> variables)
{
    private static readonly string[] FalseWords = ["false", "0", "f", "no", "n", "off"];

    private readonly ValueEcho _echo = ValueEcho.For(variables);

    public List<ValidationError> Errors { get; } = [];

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Text(string name) =>
        variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>
    /// A flag read as the Python bot read it: true exactly for <paramref name="trueWords"/> (any case), false for the
    /// usual false words. Anything else is refused: Python read it as false, but a word such as "yes" or "on"
    /// (TESTNET=yes traded mainnet) reads as true to a person, so neither reading is safe to pick silently.
    /// </summary>
    public bool Flag(string name, bool fallback, params string[] trueWords)
    {
        var value = Text(name)?.ToLowerInvariant();
        if (value is null)
        {
            return fallback;
        }
        if (trueWords.Contains(value))
        {
            return true;
        }
        if (FalseWords.Contains(value))
        {
            return false;
        }
        Errors.Add(new ValidationError(name, $"must be {Words(trueWords)} (any case) for true, or {Words(FalseWords)} for false, as the Python bot read it{Got(value)}"));
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
        Errors.Add(new ValidationError(name, (max == int.MaxValue ? "must be a whole number" : $"must be a whole number from {min} to {max}") + Got(value)));
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
        Errors.Add(new ValidationError(name, "must be a number greater than 0, with a dot for decimals" + Got(value)));
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
        Errors.Add(new ValidationError(name, $"must be one of {string.Join(", ", allowed)}" + Got(value)));
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

    /// <summary>Whether <paramref name="value"/> may be quoted back in a message (see <see cref="ValueEcho"/>).</summary>
    public bool MayShow(string value) => _echo.MayShow(value);

    /// <summary>Whether a message about a value carries a secret's text (a JSON error quoting a pasted key).</summary>
    public bool HoldsSecret(string text) => _echo.HoldsSecret(text);

    private static string Words(string[] words) => $"{string.Join(", ", words[..^1])} or {words[^1]}";

    private string Got(string value) => _echo.Got(value);
}
