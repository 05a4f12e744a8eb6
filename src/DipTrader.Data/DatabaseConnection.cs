using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DipTrader.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, from <c>DATABASE_URL</c>: a <c>postgresql://user:password@host:port/db?sslmode=require</c>
/// URL as the predecessor used, an Npgsql connection string (<c>Host=…</c>), or a SQLite connection string
/// (<c>Data Source=…</c>) or file path. Unset means the embedded default, SQLite under <c>./data</c>.
/// </summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "data/diptrader.db";

    /// <summary>On PostgreSQL, tuned (see <see cref="TunePostgres"/>) whoever made the connection, so every pool in a process is the same one.</summary>
    public string ConnectionString { get; init; } = Provider == DatabaseProvider.Postgres ? TunePostgres(ConnectionString) : ConnectionString;

    /// <summary>The connection without its password, for logs and pages.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Postgres => DescribePostgres(ConnectionString),
        _ => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
    };

    public static DatabaseConnection Default(string baseDirectory) =>
        Sqlite(Path.Combine(baseDirectory, DefaultSqlitePath));

    public static DatabaseConnection Sqlite(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString());

    /// <summary>Parses <c>DATABASE_URL</c>; the error never repeats a password.</summary>
    public static bool TryParse(string? value, string baseDirectory, out DatabaseConnection connection, out string error)
    {
        error = string.Empty;
        connection = Default(baseDirectory);
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        var text = value.Trim();
        try
        {
            if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            {
                connection = new DatabaseConnection(DatabaseProvider.Postgres, FromUrl(text));
                return true;
            }
            if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            {
                connection = new DatabaseConnection(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(text).ConnectionString);
                return true;
            }
            if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) || text.Contains("DataSource=", StringComparison.OrdinalIgnoreCase))
            {
                connection = new DatabaseConnection(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder(text).ToString());
                return true;
            }
            if (text.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
            {
                connection = Sqlite(Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text));
                return true;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            error = $"DATABASE_URL is not a valid connection ({e.GetType().Name}). Use postgresql://user:password@host:5432/dbname, an Npgsql connection string (Host=…;Database=…), or a SQLite file (Data Source=data/diptrader.db).";
            return false;
        }
        error = "DATABASE_URL is not recognised. Use postgresql://user:password@host:5432/dbname, an Npgsql connection string (Host=…;Database=…), or a SQLite file (Data Source=data/diptrader.db).";
        return false;
    }

    /// <summary>
    /// The app keeps no session state on its connections (no SET, temporary tables, advisory locks or LISTEN), so a
    /// connection back from the pool needs no reset, and the statements every page and run repeats are prepared once
    /// per connection: PostgreSQL then neither resets the session nor parses and plans them on each use. Settings the
    /// operator wrote into DATABASE_URL win. A tuned string comes back unchanged.
    /// </summary>
    private static string TunePostgres(string connectionString)
    {
        var reset = Mentions(connectionString, "No Reset On Close", "NoResetOnClose");
        var prepare = Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare");
        if (reset && prepare)
        {
            return connectionString;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!reset)
        {
            builder.NoResetOnClose = true;
        }
        if (!prepare)
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(key => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase));

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Timeout = 10,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(Uri.UnescapeDataString(kv[1]).Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            }
            else if (kv.Length == 2 && kv[0].Equals("connect_timeout", StringComparison.OrdinalIgnoreCase))
            {
                builder.Timeout = int.Parse(kv[1], CultureInfo.InvariantCulture);
            }
        }
        if (string.IsNullOrEmpty(builder.Database))
        {
            throw new FormatException("The URL names no database.");
        }
        return builder.ConnectionString;
    }

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }
}
