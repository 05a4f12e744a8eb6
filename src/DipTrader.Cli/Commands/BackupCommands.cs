using System.CommandLine;
using System.Globalization;
using DipTrader.Cli.Hosting;
using DipTrader.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DipTrader.Cli.Commands;

/// <summary>
/// <c>diptrader backup --out FILE</c> and <c>diptrader restore --from FILE</c> for the embedded SQLite database
/// (<c>DATABASE_URL</c>, default <c>./data/diptrader.db</c>). PostgreSQL has pg_dump and pg_restore; these commands
/// say so instead of doing a worse job of it.
/// </summary>
internal static class BackupCommands
{
    public static Command Backup(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "The file to write: a SQLite database file (its folder is created).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists." };
        var command = new Command("backup", "Copy the SQLite database (DATABASE_URL; default ./data/diptrader.db) to a file while the app keeps running: one consistent snapshot. For PostgreSQL use pg_dump.") { output, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var database = await SqlitePathAsync(console, "backup");
            if (database is null)
            {
                return ExitCodes.BadInput;
            }
            var file = await FileFlagAsync(console, "--out", parse.GetValue(output), database);
            if (file is null)
            {
                return ExitCodes.BadInput;
            }
            if (!File.Exists(database))
            {
                return await FailAsync(console, ExitCodes.BadInput, $"DATABASE_URL: there is no SQLite database at {database}, so there is nothing to back up. Run the command where the app runs, or set DATABASE_URL to its database file.");
            }
            if (Directory.Exists(file))
            {
                return await FailAsync(console, ExitCodes.BadInput, $"--out: {file} is a folder; name a file, e.g. {Path.Combine(file, "diptrader-backup.db")}.");
            }
            if (File.Exists(file) && !parse.GetValue(force))
            {
                return await FailAsync(console, ExitCodes.BadInput, $"--out: {file} already exists; choose another name, or add --force to replace it.");
            }
            try
            {
                var copy = await SqliteBackup.BackupAsync(database, file, cancellationToken);
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Backed up SQLite {database} to {file}: {copy.Tables} tables, {copy.Rows} rows, {new FileInfo(file).Length} bytes."));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return await FailAsync(console, ExitCodes.Failure, $"Backing up {database} failed: {e.Message}. No backup was written.");
            }
        });
        return command;
    }

    public static Command Restore(CliConsole console)
    {
        var input = new Option<string>("--from") { Description = "The backup to restore (a file written by diptrader backup).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the existing database. Stop the web app and the workers first." };
        var command = new Command("restore", "Restore the SQLite database (DATABASE_URL; default ./data/diptrader.db) from a backup after checking it. Refuses to replace an existing database without --force. For PostgreSQL use pg_restore.") { input, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var database = await SqlitePathAsync(console, "restore");
            if (database is null)
            {
                return ExitCodes.BadInput;
            }
            var file = await FileFlagAsync(console, "--from", parse.GetValue(input), database);
            if (file is null)
            {
                return ExitCodes.BadInput;
            }
            if (!File.Exists(file))
            {
                return await FailAsync(console, ExitCodes.BadInput, $"--from: {file}: there is no file at that path.");
            }
            var replacing = File.Exists(database);
            if (replacing && !parse.GetValue(force))
            {
                return await FailAsync(console, ExitCodes.BadInput,
                    $"SQLite {database} already exists and restoring replaces everything in it. Stop the web app and the workers, back it up (diptrader backup --out FILE) if you may want it again, then run the restore again with --force.");
            }
            return await RestoreAsync(console, file, database, replacing, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RestoreAsync(CliConsole console, string file, string database, bool replacing, CancellationToken cancellationToken)
    {
        // Every check runs on a private copy next to the database; the database is written only once the copy passed.
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var staging = Path.Combine(Path.GetDirectoryName(database)!, $".{Path.GetFileName(database)}.restore-{Guid.NewGuid():N}");
        try
        {
            SqliteBackup.CreatePrivateFile(staging);
            try
            {
                await using var from = SqliteBackup.Open(file, SqliteOpenMode.ReadOnly);
                await using var to = SqliteBackup.Open(staging, SqliteOpenMode.ReadWrite);
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                await SqliteBackup.CopyAsync(from, to, cancellationToken);
                await SqliteBackup.ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteBackup.SqliteCorrupt)
            {
                return await FailAsync(console, ExitCodes.BadInput, $"--from: {file} is damaged (SQLite could not read it: {e.Message}). Nothing was changed.");
            }
            catch (SqliteException e) when (SqliteBackup.IsNotADatabase(e))
            {
                return await FailAsync(console, ExitCodes.BadInput, $"--from: {file} is not a SQLite database (SQLite error {e.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)}). Nothing was changed.");
            }
            var check = await SqliteBackup.InspectAsync(staging, cancellationToken);
            var problem = check switch
            {
                { Damage: { } damage } => $"--from: {file} is damaged (SQLite's integrity check: {damage}).",
                { Applied.Count: 0 } => $"--from: {file} is not a DipTrader database: it has no DipTrader migrations history.",
                { Unknown.Count: > 0 } => $"--from: {file} was made by a newer DipTrader (its migration {check.Unknown[0]} is unknown to this version); upgrade DipTrader, then restore.",
                _ => null,
            };
            if (problem is not null)
            {
                return await FailAsync(console, ExitCodes.BadInput, $"{problem} Nothing was changed.");
            }
            if (replacing)
            {
                // Into the existing file through SQLite, in one transaction: a failure leaves it as it was, and its WAL stays consistent.
                await using var from = SqliteBackup.Open(staging, SqliteOpenMode.ReadOnly);
                await using var to = SqliteBackup.Open(database, SqliteOpenMode.ReadWrite);
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                await SqliteBackup.CopyAsync(from, to, cancellationToken);
            }
            else
            {
                File.Move(staging, database);
            }
            var schema = check.Pending == 0
                ? "Its schema is up to date."
                : string.Create(CultureInfo.InvariantCulture, $"{check.Pending} newer migration(s) will be applied by `diptrader migrate` or when the web app starts.");
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Restored {file} into SQLite {database}: {check.Tables} tables, {check.Rows} rows. {schema}"));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            return await FailAsync(console, ExitCodes.Failure, $"Restoring into {database} failed: {e.Message}. The database was left as it was.");
        }
        finally
        {
            SqliteBackup.DeleteWithJournal(staging);
        }
    }

    /// <summary>The SQLite file DATABASE_URL names, or null (with the message printed) for a bad URL or PostgreSQL.</summary>
    private static async Task<string?> SqlitePathAsync(CliConsole console, string verb)
    {
        var connection = DatabaseSettings.Connection(CliHost.Environment(), required: false);
        if (!connection.IsValid)
        {
            foreach (var error in connection.Errors)
            {
                await console.Error.WriteLineAsync(error.ToString());
            }
            return null;
        }
        var database = connection.Value!;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var url = PostgresUrlWithoutPassword(database.ConnectionString);
            await console.Error.WriteLineAsync(verb == "backup"
                ? $"DATABASE_URL names {database.Describe()}: `diptrader backup` copies the embedded SQLite database only. Back up PostgreSQL with pg_dump (password from PGPASSWORD or ~/.pgpass), e.g.{Environment.NewLine}  pg_dump --format=custom --file=diptrader-$(date +%F).dump \"{url}\""
                : $"DATABASE_URL names {database.Describe()}: `diptrader restore` restores the embedded SQLite database only. Restore a pg_dump archive with pg_restore into an empty database, e.g.{Environment.NewLine}  pg_restore --no-owner --dbname=\"{url}\" diptrader.dump");
            return null;
        }
        return Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
    }

    private static async Task<string?> FileFlagAsync(CliConsole console, string flag, string? value, string database)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            await console.Error.WriteLineAsync($"{flag}: must name a file.");
            return null;
        }
        var path = Path.GetFullPath(value);
        if (string.Equals(path, database, StringComparison.Ordinal))
        {
            await console.Error.WriteLineAsync($"{flag}: {path} is the database itself (DATABASE_URL); name another file.");
            return null;
        }
        return path;
    }

    private static string PostgresUrlWithoutPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{Uri.EscapeDataString(builder.Username ?? "postgres")}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(builder.Database ?? "diptrader")}");
    }

    private static async Task<int> FailAsync(CliConsole console, int code, string message)
    {
        await console.Error.WriteLineAsync(message);
        return code;
    }
}
