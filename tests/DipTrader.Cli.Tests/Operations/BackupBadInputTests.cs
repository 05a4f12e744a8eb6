using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Cli.Tests.Operations;

/// <summary>
/// <c>diptrader backup</c> and <c>restore</c> given the wrong things: a message naming what is wrong, exit code 2,
/// and nothing changed — above all, never a database replaced by something that is not a good DipTrader backup.
/// </summary>
public sealed class BackupBadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-backup-input-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(_directory, "data", "diptrader.db");

    [Theory]
    [InlineData(new[] { "backup" }, "--out")]
    [InlineData(new[] { "restore" }, "--from")]
    [InlineData(new[] { "backup", "--out", "b.db", "--overwrite" }, "--overwrite")]
    public async Task Missing_or_unknown_flags_exit_2_naming_the_flag(string[] args, string flag)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(flag, result.Error);
    }

    [Fact]
    public async Task PostgreSQL_is_sent_to_pg_dump_and_pg_restore_without_showing_the_password()
    {
        var postgres = new Dictionary<string, string> { ["DATABASE_URL"] = "postgresql://diptrader_user:S3cret-pw@db.internal:5432/diptrader?sslmode=require" };

        var backup = await CliProcess.RunAsync(_directory, postgres, "backup", "--out", "x.dump");
        var restore = await CliProcess.RunAsync(_directory, postgres, "restore", "--from", "x.dump");

        Assert.Equal(2, backup.ExitCode);
        Assert.Contains("pg_dump --format=custom", backup.Error);
        Assert.Contains("postgresql://diptrader_user@db.internal:5432/diptrader", backup.Error);
        Assert.Equal(2, restore.ExitCode);
        Assert.Contains("pg_restore", restore.Error);
        Assert.DoesNotContain("S3cret-pw", backup.Output + backup.Error + restore.Output + restore.Error);
        Assert.False(File.Exists(Path.Combine(_directory, "x.dump")));
    }

    [Fact]
    public async Task Backup_of_a_database_that_is_not_there_says_so_and_writes_nothing()
    {
        var (code, _, error) = await CliProcess.RunAsync(_directory, new Dictionary<string, string>(), "backup", "--out", "b.db");

        Assert.Equal(2, code);
        Assert.Contains($"no SQLite database at {Database}", error);
        Assert.False(File.Exists(Path.Combine(_directory, "b.db")));
        Assert.False(File.Exists(Database), "backup must not create an empty database");
    }

    [Fact]
    public async Task Backup_does_not_replace_a_file_unless_forced()
    {
        await CreateDatabaseAsync(Database, "first@example.com");
        var target = Path.Combine(_directory, "b.db");
        await File.WriteAllTextAsync(target, "an older backup", Token);

        var refused = await CliProcess.RunAsync(_directory, Sqlite(Database), "backup", "--out", target);
        var unchanged = await File.ReadAllTextAsync(target, Token);
        var forced = await CliProcess.RunAsync(_directory, Sqlite(Database), "backup", "--out", target, "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--out:", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal("an older backup", unchanged);
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(["first@example.com"], await EmailsAsync(target));
    }

    [Fact]
    public async Task Restore_does_not_replace_an_existing_database_unless_forced()
    {
        var backup = Path.Combine(_directory, "backup.db");
        await CreateDatabaseAsync(backup, "from-backup@example.com");
        await CreateDatabaseAsync(Database, "current@example.com");
        var original = await File.ReadAllBytesAsync(Database, Token);

        var refused = await CliProcess.RunAsync(_directory, Sqlite(Database), "restore", "--from", backup);
        var unchanged = await File.ReadAllBytesAsync(Database, Token);
        var forced = await CliProcess.RunAsync(_directory, Sqlite(Database), "restore", "--from", backup, "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(original, unchanged);
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(["from-backup@example.com"], await EmailsAsync(Database));
    }

    public static TheoryData<string, string> BadBackups => new()
    {
        { "missing", "there is no file at" },
        { "text", "is not a SQLite database" },
        { "foreign", "is not a DipTrader database" },
        { "newer", "was made by a newer DipTrader" },
        { "damaged", "is damaged" },
    };

    [Theory]
    [MemberData(nameof(BadBackups))]
    public async Task A_bad_backup_is_refused_and_the_current_database_is_left_as_it_was(string kind, string message)
    {
        await CreateDatabaseAsync(Database, "current@example.com");
        var original = await File.ReadAllBytesAsync(Database, Token);
        var backup = await BadBackupAsync(kind);

        var (code, output, error) = await CliProcess.RunAsync(_directory, Sqlite(Database), "restore", "--from", backup, "--force");

        Assert.Equal(2, code);
        Assert.Contains($"--from: {backup}", error);
        Assert.Contains(message, error);
        Assert.Equal(string.Empty, output);
        Assert.Equal(original, await File.ReadAllBytesAsync(Database, Token));
        Assert.Equal([Path.GetFileName(Database)], Directory.GetFiles(Path.GetDirectoryName(Database)!).Select(Path.GetFileName));
    }

    private async Task<string> BadBackupAsync(string kind)
    {
        var path = Path.Combine(_directory, $"{kind}.db");
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(path, "DATABASE_URL=postgresql://… this is a .env, not a backup\n", Token);
                break;
            case "foreign":
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync(Token);
                    await ExecuteAsync(connection, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');");
                }
                break;
            case "newer":
                await CreateDatabaseAsync(path, "someone@example.com");
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync(Token);
                    await ExecuteAsync(connection, "INSERT INTO __ef_migrations_history (migration_id, product_version) VALUES ('29991231000000_FromTheFuture', '99.0.0');");
                }
                break;
            case "damaged":
                await CreateDatabaseAsync(path, "someone@example.com");
                await DamageAsync(path);
                break;
        }
        return path;
    }

    /// <summary>Overwrites the middle of every page after the first (the header stays readable, the b-trees do not).</summary>
    private static async Task DamageAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path, Token);
        for (var page = 1; page < bytes.Length / 4096; page++)
        {
            Array.Fill(bytes, (byte)0x5A, page * 4096 + 100, 200);
        }
        await File.WriteAllBytesAsync(path, bytes, Token);
    }

    private static Dictionary<string, string> Sqlite(string path) => new() { ["DATABASE_URL"] = path };

    private static async Task CreateDatabaseAsync(string path, string email)
    {
        await using (var db = PersistenceServiceCollectionExtensions.CreateContext(new DatabaseConnection(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False")))
        {
            await DatabaseMigrator.MigrateAsync(db, Token);
            db.Users.Add(new User { Email = email, PasswordHash = "x", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Token);
        }
        // A single file, like a backup: no -wal or -shm beside it.
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Token);
        await ExecuteAsync(connection, "PRAGMA journal_mode=DELETE;");
    }

    private static async Task<List<string>> EmailsAsync(string path)
    {
        await using var db = PersistenceServiceCollectionExtensions.CreateContext(new DatabaseConnection(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False"));
        return await db.Users.Select(u => u.Email).ToListAsync(Token);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
