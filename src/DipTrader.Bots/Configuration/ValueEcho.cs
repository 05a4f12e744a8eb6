namespace DipTrader.Bots.Configuration;

/// <summary>
/// Decides whether a configuration value may be repeated in an error message. A long value, one with '=' or a
/// line break (a mangled .env glues lines into one value) or one holding a secret's text could carry a secret
/// to the terminal or a log, so it is described instead of shown.
/// </summary>
public sealed class ValueEcho(IEnumerable<string> secrets)
{
    private static readonly string[] SecretNames = ["API_KEY", "API_SECRET", "TELEGRAM_BOT_TOKEN"];

    public const int MaxShownLength = 40;

    public const string WhyHidden = "it is long, holds '=' or a line break, or may hold a secret";

    private readonly string[] _secrets = [.. secrets.Where(s => s.Length > 0)];

    /// <summary>An echo that knows the secrets among <paramref name="variables"/>.</summary>
    public static ValueEcho For(IReadOnlyDictionary<string, string> variables) =>
        new(SecretNames.Select(n => variables.TryGetValue(n, out var v) ? v.Trim() : string.Empty));

    /// <summary>" (got "value")" when the value may be shown, else a note that it is not.</summary>
    public string Got(string value) => MayShow(value) ? $" (got \"{value}\")" : $" (the value given is not shown: {WhyHidden})";

    public bool MayShow(string value) =>
        value.Length <= MaxShownLength
        && value.IndexOfAny(['=', '\r', '\n']) < 0
        && !HoldsSecret(value);

    /// <summary>Whether <paramref name="text"/> contains a secret's value, in any case (flags and choices are lower-cased).</summary>
    public bool HoldsSecret(string text) => Array.Exists(_secrets, s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
}
