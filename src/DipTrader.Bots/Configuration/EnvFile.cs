using System.Text;
using System.Text.RegularExpressions;

namespace DipTrader.Bots.Configuration;

/// <summary>
/// Reads a <c>.env</c> file as python-dotenv's <c>load_dotenv()</c> does (the predecessor's loader), so the same file
/// gives the same values: <c>KEY=VALUE</c> lines ended by \r\n, \n or \r; <c>#</c> comments (after a value only
/// when whitespace comes before the <c>#</c>); optional <c>export</c>; single quotes (<c>\'</c> and <c>\\</c>
/// escapes) or double quotes (backslash escapes such as <c>\n</c>), both of which may span lines and may be
/// followed by a comment; <c>${VAR}</c> and <c>${VAR:-default}</c> from the environment, else earlier lines.
/// A line python-dotenv cannot parse is skipped, as it does; a key without <c>=</c> sets nothing.
/// </summary>
public static partial class EnvFile
{
    public static Dictionary<string, string> Parse(string text) => Parse(text, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <param name="environment">For <c>${VAR}</c>: load_dotenv() without override prefers the environment.</param>
    public static Dictionary<string, string> Parse(string text, IReadOnlyDictionary<string, string> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            if (ReadBinding(text, ref position) is ({ } key, { } value))
            {
                values[key] = Interpolate(value, values, environment);
            }
        }
        return values;
    }

    /// <summary>The file's values overlaid by the process environment: the environment wins, as in python-dotenv.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> file, IReadOnlyDictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string>(file, StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }
        return merged;
    }

    /// <summary>One binding from <paramref name="position"/>, as python-dotenv's <c>parse_binding</c>; a key of null sets nothing.</summary>
    private static (string? Key, string? Value) ReadBinding(string text, ref int position)
    {
        position += LeadingWhitespace().Match(text, position).Length;
        if (position >= text.Length)
        {
            return (null, null);
        }
        position += Export().Match(text, position).Length;
        if (text[position] == '#')
        {
            SkipRestOfLine(text, ref position);
            return (null, null);
        }
        var key = (text[position] == '\'' ? SingleQuotedKey() : UnquotedKey()).Match(text, position);
        if (!key.Success)
        {
            SkipRestOfLine(text, ref position);
            return (null, null);
        }
        position += key.Length;
        position += InlineWhitespace().Match(text, position).Length;
        string? value = null;
        if (position < text.Length && text[position] == '=')
        {
            position += EqualSign().Match(text, position).Length;
            if (!TryReadValue(text, ref position, out value))
            {
                SkipRestOfLine(text, ref position);
                return (null, null);
            }
        }
        position += Comment().Match(text, position).Length;
        var end = EndOfLine().Match(text, position);
        if (!end.Success)
        {
            // Something after a closing quote: python-dotenv drops the whole line.
            SkipRestOfLine(text, ref position);
            return (null, null);
        }
        position += end.Length;
        return (key.Groups[1].Value, value);
    }

    private static bool TryReadValue(string text, ref int position, out string value)
    {
        var first = position < text.Length ? text[position] : '\n';
        Match match;
        switch (first)
        {
            case '\'':
                match = SingleQuotedValue().Match(text, position);
                value = match.Success ? SingleQuoteEscape().Replace(match.Groups[1].Value, m => m.Value[1..]) : string.Empty;
                break;
            case '"':
                match = DoubleQuotedValue().Match(text, position);
                value = match.Success ? DoubleQuoteEscape().Replace(match.Groups[1].Value, m => Unescape(m.Value[1])) : string.Empty;
                break;
            case '\r' or '\n':
                value = string.Empty;
                return true;
            default:
                match = UnquotedValue().Match(text, position);
                value = InlineComment().Replace(match.Value, string.Empty).TrimEnd();
                break;
        }
        position += match.Length;
        return match.Success;
    }

    private static string Unescape(char escaped) => escaped switch
    {
        'a' => "\a",
        'b' => "\b",
        'f' => "\f",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\v",
        _ => escaped.ToString(),
    };

    /// <summary>python-dotenv's error recovery: forget the binding, go on after the line where reading stopped.</summary>
    private static void SkipRestOfLine(string text, ref int position) =>
        position += RestOfLine().Match(text, position).Length;

    private static string Interpolate(string value, Dictionary<string, string> earlier, IReadOnlyDictionary<string, string> environment)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }
        var result = new StringBuilder();
        var last = 0;
        foreach (Match variable in Variable().Matches(value))
        {
            result.Append(value, last, variable.Index - last);
            var name = variable.Groups["name"].Value;
            result.Append(environment.TryGetValue(name, out var fromEnvironment) ? fromEnvironment
                : earlier.TryGetValue(name, out var fromFile) ? fromFile
                : variable.Groups["default"].Value);
            last = variable.Index + variable.Length;
        }
        return result.Append(value, last, value.Length - last).ToString();
    }

    // The regular expressions are python-dotenv's (parser.py and variables.py), anchored where the reader stands.
    [GeneratedRegex(@"\G\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingWhitespace();

    [GeneratedRegex(@"\G(?:export[^\S\r\n]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Export();

    [GeneratedRegex(@"\G'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex SingleQuotedKey();

    [GeneratedRegex(@"\G([^=\#\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex UnquotedKey();

    [GeneratedRegex(@"\G[^\S\r\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex InlineWhitespace();

    [GeneratedRegex(@"\G=[^\S\r\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex EqualSign();

    [GeneratedRegex(@"\G'((?:\\'|[^'])*)'", RegexOptions.CultureInvariant)]
    private static partial Regex SingleQuotedValue();

    [GeneratedRegex(@"\G""((?:\\""|[^""])*)""", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleQuotedValue();

    [GeneratedRegex(@"\G[^\r\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex UnquotedValue();

    [GeneratedRegex(@"\s+#.*", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex InlineComment();

    [GeneratedRegex(@"\G(?:[^\S\r\n]*#[^\r\n]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\G[^\S\r\n]*(?:\r\n|\n|\r|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfLine();

    [GeneratedRegex(@"\G[^\r\n]*(?:\r\n|\r|\n)?", RegexOptions.CultureInvariant)]
    private static partial Regex RestOfLine();

    [GeneratedRegex(@"\\[\\']", RegexOptions.CultureInvariant)]
    private static partial Regex SingleQuoteEscape();

    [GeneratedRegex(@"\\[\\'""abfnrtv]", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleQuoteEscape();

    [GeneratedRegex(@"\$\{(?<name>[^\}:]*)(?::-(?<default>[^\}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
