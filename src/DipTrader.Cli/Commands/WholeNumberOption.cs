using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DipTrader.Cli.Commands;

/// <summary>
/// A flag that takes a whole number, refused as "--flag: must be a whole number (got "abc")" rather than
/// System.CommandLine's message, which names .NET types.
/// </summary>
internal static class WholeNumberOption
{
    public static Option<int?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(name, result),
    };

    private static int? Parse(string name, ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        var digits = text.TrimStart('-', '+');
        result.AddError(digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"{name}: must be a whole number from {int.MinValue} to {int.MaxValue} (got {text})."
            : $"{name}: must be a whole number (got \"{text}\").");
        return null;
    }
}
