using System.Globalization;
using DipTrader.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Commands;

/// <summary>
/// Copies SQLite databases with SQLite's online backup API. The source is read in one read transaction, so the
/// copy is one consistent snapshot while the web app and the scheduler keep writing (WAL lets them); the
/// destination is written in one write transaction, so a copy that fails leaves the destination as it was.
/// </summary>
internal static class SqliteBackup
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    public const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>What a check of a database file found.</summary>
    /// <param name="Damage">The first problems <c>PRAGMA integrity_check</c> reported, or null when it said ok.</param>
    /// <param name="Applied">The DipTrader migrations its history lists (none: not a DipTrader database).</param>
    /// <param name="Unknown">Applied migrations this build does not know (made by a newer DipTrader).</param>
    /// <param name="Pending">Migrations of this build it has not had yet.</param>
    public sealed record Inspection(string? Damage, IReadOnlyList<string> Applied, IReadOnlyList<string> Unknown, int Pending, int Tables, long Rows);

    public static bool IsNotADatabase(SqliteException e) => e.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt;

    public static SqliteConnection Open(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        // Closed means closed: the files can be moved or deleted right after.
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString());

    /// <summary>
    /// Writes a consistent copy of the database at <paramref name="source"/> to <paramref name="destination"/>
    /// (readable by its owner only), checks it, and only then puts it in place.
    /// </summary>
    public static async Task<Inspection> BackupAsync(string source, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = $"{destination}.partial-{Guid.NewGuid():N}";
        try
        {
            CreatePrivateFile(partial);
            await using (var from = Open(source, SqliteOpenMode.ReadWrite))
            await using (var to = Open(partial, SqliteOpenMode.ReadWrite))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                await CopyAsync(from, to, cancellationToken);
                // One self-contained file, no -wal beside it.
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }
            var inspection = await InspectAsync(partial, cancellationToken);
            if (inspection.Damage is not null)
            {
                throw new InvalidDataException($"the copy fails SQLite's integrity check ({inspection.Damage}): the database itself is damaged");
            }
            File.Move(partial, destination, overwrite: true);
            return inspection;
        }
        finally
        {
            DeleteWithJournal(partial);
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>, waiting while a writer holds a lock.</summary>
    public static async Task CopyAsync(SqliteConnection source, SqliteConnection destination, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(destination);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < 40)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>Runs SQLite's integrity check, reads the migrations history (through EF, as the app does) and counts rows.</summary>
    public static async Task<Inspection> InspectAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = Open(path, SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(cancellationToken);
        var problems = await ReadColumnAsync(connection, "PRAGMA integrity_check;", cancellationToken);
        var damage = problems is ["ok"] ? null : string.Join("; ", problems.Take(3));
        var tables = await ReadColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;", cancellationToken);
        long rows = 0;
        if (damage is null)
        {
            foreach (var table in tables)
            {
                rows += Convert.ToInt64(await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";", cancellationToken), CultureInfo.InvariantCulture);
            }
        }
        await using var db = PersistenceServiceCollectionExtensions.CreateContext(new DatabaseConnection(DatabaseProvider.Sqlite, connection.ConnectionString));
        var applied = damage is null ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList() : [];
        var known = db.Database.GetMigrations().ToList();
        return new Inspection(damage, applied, [.. applied.Except(known)], known.Except(applied).Count(), tables.Count, rows);
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes a database file and the journal SQLite may have left beside it.</summary>
    public static void DeleteWithJournal(string path)
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>An empty file only its owner can read: the database holds password hashes and encrypted keys.</summary>
    public static void CreatePrivateFile(string path)
    {
        using (File.Create(path))
        {
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadColumnAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
