using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DipTrader.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running app.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        PersistenceServiceCollectionExtensions.ConfigurePostgres(options, "Host=localhost;Database=diptrader_design");
        return new PostgresDbContext(options.Options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteDbContext(options.Options);
    }
}
