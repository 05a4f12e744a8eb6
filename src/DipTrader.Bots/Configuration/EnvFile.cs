namespace DipTrader.Bots.Configuration;

/// <summary>
/// Reads a <c>.env</c> file the way python-dotenv does for the files the predecessor used: <c>KEY=VALUE</c>
/// lines, <c>#</c> comments, optional <c>export</c>, single or double quotes, blank lines.
/// </summary>
public static class EnvFile
{
    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim().TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var key = line[..equals].Trim();
            values[key] = Unquote(line[(equals + 1)..].Trim());
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

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return value[1..^1];
        }
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }
}
