using System.Text;
using System.Text.Json;

namespace DipTrader.Data.Security;

/// <summary>
/// The common/breached passwords that registration refuses, matched case-insensitively. Read from the
/// list the app ships: either one password per line, or a JSON array of strings (the format of
/// <c>@zxcvbn-ts/language-common</c>'s <c>src/passwords.json</c>); the format is recognised by its
/// first character.
/// </summary>
public sealed class CommonPasswordList
{
    private readonly HashSet<string> passwords;

    private CommonPasswordList(HashSet<string> passwords) => this.passwords = passwords;

    /// <summary>A list that contains nothing, for when the file was explicitly allowed to be missing.</summary>
    public static CommonPasswordList Empty { get; } = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase));

    public int Count => passwords.Count;

    public bool Contains(string? password) => password is not null && passwords.Contains(password);

    /// <summary>
    /// Reads a list. Entries shorter than <paramref name="ignoreShorterThan"/> characters are dropped:
    /// the length rule refuses them anyway, and a million-line list shrinks to what matters.
    /// </summary>
    public static CommonPasswordList Load(Stream stream, int ignoreShorterThan = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = reader.ReadToEnd();
        var entries = text.AsSpan().TrimStart().StartsWith("[") ? ReadJsonArray(text) : ReadLines(text);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (entry.Length > 0 && PasswordPolicy.CountCharacters(entry) >= ignoreShorterThan)
            {
                set.Add(entry);
            }
        }

        return new CommonPasswordList(set);
    }

    /// <summary>
    /// Reads the list at <paramref name="path"/>. A missing file is an error unless
    /// <paramref name="allowMissing"/> says so (then nothing is refused as common).
    /// </summary>
    public static CommonPasswordList LoadFile(string path, bool allowMissing = false, int ignoreShorterThan = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return allowMissing
                ? Empty
                : throw new FileNotFoundException(
                    $"The common-password list was not found at '{path}'. The build copies it into the app's output; "
                    + "run the build again, or point the setting at the list.",
                    path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, ignoreShorterThan);
    }

    public override string ToString() => $"CommonPasswordList({Count} entries)";

    private static IEnumerable<string> ReadLines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            yield return line.Trim();
        }
    }

    private static IEnumerable<string> ReadJsonArray(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<string?[]>(text)?.Select(entry => entry?.Trim() ?? "") ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The common-password list starts with '[' but is not a JSON array of strings.", ex);
        }
    }
}
