using DipTrader.Data;
using Npgsql;
using Xunit;

namespace DipTrader.Testing.Databases;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a temp file) or PostgreSQL (a new database on the
/// cluster named by <c>DIPTRADER_TEST_PG</c>, which scripts/test starts). PostgreSQL databases are cloned
/// from a migrated template made once per test run, so each costs one CREATE DATABASE.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _templateName;
    private readonly string? _sqlitePath;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseConnection connection, string? sqlitePath, string? postgresName)
    {
        Connection = connection;
        _sqlitePath = sqlitePath;
        _postgresName = postgresName;
    }

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public DatabaseConnection Connection { get; }

    public DipTraderDbContext CreateContext() => PersistenceServiceCollectionExtensions.CreateContext(Connection);

    /// <summary>A migrated database.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, CancellationToken cancellationToken = default)
    {
        var database = await CreateEmptyAsync(provider, migrated: true, cancellationToken);
        return database;
    }

    /// <summary>An empty database with no tables (for adoption tests that build the predecessor schema first).</summary>
    public static Task<TestDatabase> CreateEmptyAsync(string provider, CancellationToken cancellationToken = default) =>
        CreateEmptyAsync(provider, migrated: false, cancellationToken);

    /// <summary>The admin connection string of the test cluster.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("DIPTRADER_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("PostgreSQL tests need DIPTRADER_TEST_PG (a connection string to a test cluster); scripts/test starts one and sets it.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = true, MaxPoolSize = 50 }.ConnectionString;

    private static async Task<TestDatabase> CreateEmptyAsync(string provider, bool migrated, CancellationToken cancellationToken)
    {
        if (provider == Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"diptrader-test-{Guid.NewGuid():N}.db");
            var database = new TestDatabase(DatabaseConnection.Sqlite(path), path, null);
            if (migrated)
            {
                await using var context = database.CreateContext();
                await DatabaseMigrator.MigrateAsync(context, cancellationToken);
            }
            return database;
        }
        var name = $"t_{Guid.NewGuid():N}";
        var template = migrated ? await EnsureTemplateAsync(cancellationToken) : "template0";
        await ExecuteAsync(PostgresServer, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", cancellationToken);
        return new TestDatabase(new DatabaseConnection(DatabaseProvider.Postgres, ConnectionStringFor(name)), null, name);
    }

    private static async Task<string> EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        await TemplateLock.WaitAsync(cancellationToken);
        try
        {
            if (_templateName is not null)
            {
                return _templateName;
            }
            var name = $"tpl_{Guid.NewGuid():N}";
            await ExecuteAsync(PostgresServer, $"CREATE DATABASE \"{name}\" TEMPLATE template0", cancellationToken);
            var connection = new DatabaseConnection(DatabaseProvider.Postgres, ConnectionStringFor(name));
            await using (var context = PersistenceServiceCollectionExtensions.CreateContext(connection))
            {
                await DatabaseMigrator.MigrateAsync(context, cancellationToken);
            }
            NpgsqlConnection.ClearAllPools();
            _templateName = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(PostgresServer, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }
}
