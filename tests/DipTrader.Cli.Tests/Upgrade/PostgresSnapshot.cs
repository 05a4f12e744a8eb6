using Npgsql;

namespace DipTrader.Cli.Tests.Upgrade;

/// <summary>
/// Everything in a PostgreSQL database's public schema as text: each table's rows (as JSON, sorted), its
/// columns with types, nullability and defaults, its constraints and its indexes. Two equal snapshots mean
/// nothing a user or the app could read changed.
/// </summary>
internal static class PostgresSnapshot
{
    private const string Schema = """
        SELECT 'columns', string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), E'\n' ORDER BY table_name, column_name)
            FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL
        SELECT 'constraints', string_agg(conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid), E'\n' ORDER BY conrelid::regclass::text, conname)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'indexes', string_agg(indexdef, E'\n' ORDER BY indexdef) FROM pg_indexes WHERE schemaname = 'public'
        """;

    public static async Task<SortedDictionary<string, string>> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY row_to_json(t)::text), '') FROM \"{table}\" t", connection);
            snapshot["rows " + table] = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var command = new NpgsqlCommand(Schema, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                snapshot[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
            }
        }
        return snapshot;
    }
}
