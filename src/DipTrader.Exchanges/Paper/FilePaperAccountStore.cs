namespace DipTrader.Exchanges.Paper;

/// <summary>
/// Keeps each paper account as <c>{name}.json</c> in one directory. A save writes a temporary file and renames
/// it over the old one, so a crash mid-save leaves the previous state intact.
/// </summary>
public sealed class FilePaperAccountStore(string directory) : IPaperAccountStore
{
    public string Directory { get; } = directory;

    public async ValueTask<PaperAccountState?> LoadAsync(string accountName, CancellationToken cancellationToken)
    {
        var path = PathOf(accountName);
        if (!File.Exists(path))
        {
            return null;
        }
        await using var stream = File.OpenRead(path);
        return await PaperAccountJson.DeserializeAsync(stream, cancellationToken);
    }

    public async ValueTask SaveAsync(string accountName, PaperAccountState state, CancellationToken cancellationToken)
    {
        var path = PathOf(accountName);
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await PaperAccountJson.SerializeAsync(stream, state, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Names are file names: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    private string PathOf(string accountName)
    {
        if (string.IsNullOrEmpty(accountName) || accountName.Length > 100 || accountName[0] == '.'
            || !accountName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"Paper account name '{accountName}' is not allowed: use 1 to 100 letters, digits, '-', '_' or '.', not starting with '.'.",
                nameof(accountName));
        }
        return Path.Combine(Directory, accountName + ".json");
    }
}
