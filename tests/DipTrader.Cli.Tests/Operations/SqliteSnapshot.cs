using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace DipTrader.Cli.Tests.Operations;

/// <summary>
/// Every row of every table of a SQLite database, read in one transaction (one consistent view while others
/// write): per table, each row's text keyed by its primary key.
/// </summary>
internal sealed class SqliteSnapshot
{
    private SqliteSnapshot(Dictionary<string, Dictionary<string, string>> tables)
    {
        Tables = tables;
    }

    public IReadOnlyDictionary<string, Dictionary<string, string>> Tables { get; }

    public int RowCount => Tables.Values.Sum(t => t.Count);

    public static async Task<SqliteSnapshot> ReadAsync(string path)
    {
        var token = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(token);
        // One read transaction: every table as of one moment, however busy the writers are.
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN";
            await begin.ExecuteNonQueryAsync(token);
        }
        var tables = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            var quoted = $"\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            var keys = await PrimaryKeyAsync(connection, quoted);
            var rows = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var command = connection.CreateCommand();
            command.CommandText = keys.Count == 0 ? $"SELECT rowid AS \"(rowid)\", * FROM {quoted}" : $"SELECT * FROM {quoted}";
            await using var reader = await command.ExecuteReaderAsync(token);
            var keyColumns = keys.Count == 0 ? ["(rowid)"] : keys;
            while (await reader.ReadAsync(token))
            {
                var row = new StringBuilder();
                var key = new string[keyColumns.Count];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = Text(reader.GetValue(i));
                    row.Append(reader.GetName(i)).Append('=').Append(value).Append('|');
                    var k = keyColumns.IndexOf(reader.GetName(i));
                    if (k >= 0)
                    {
                        key[k] = value;
                    }
                }
                rows[string.Join(",", key)] = row.ToString();
            }
            tables[table] = rows;
        }
        return new SqliteSnapshot(tables);
    }

    private static async Task<List<string>> PrimaryKeyAsync(SqliteConnection connection, string quotedTable)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info({quotedTable})";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var columns = new List<(int Order, string Name)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var order = reader.GetInt32(reader.GetOrdinal("pk"));
            if (order > 0)
            {
                columns.Add((order, reader.GetString(reader.GetOrdinal("name"))));
            }
        }
        return [.. columns.OrderBy(c => c.Order).Select(c => c.Name)];
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
