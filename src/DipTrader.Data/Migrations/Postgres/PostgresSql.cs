namespace DipTrader.Data.Migrations.Postgres;

/// <summary>Reads the hand-written SQL of a PostgreSQL migration, embedded in the assembly.</summary>
internal static class PostgresSql
{
    public static string Load(string name)
    {
        var resource = $"DipTrader.Data.Migrations.Postgres.Sql.{name}";
        using var stream = typeof(PostgresSql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The migration script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
