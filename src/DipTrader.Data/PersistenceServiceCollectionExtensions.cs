using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Data;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's pooled <see cref="DipTraderDbContext"/> factory, a scoped context from it,
    /// and the <see cref="DatabaseConnection"/> itself.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, DatabaseConnection connection)
    {
        services.AddSingleton(connection);
        if (connection.Provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresDbContext>(o => ConfigurePostgres(o, connection.ConnectionString));
            services.AddSingleton<IDbContextFactory<DipTraderDbContext>>(sp =>
                new FactoryAdapter<PostgresDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDbContext>>()));
        }
        else
        {
            EnsureSqliteDirectory(connection.ConnectionString);
            services.AddPooledDbContextFactory<SqliteDbContext>(o => ConfigureSqlite(o, connection.ConnectionString));
            services.AddSingleton<IDbContextFactory<DipTraderDbContext>>(sp =>
                new FactoryAdapter<SqliteDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDbContext>>()));
        }
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DipTraderDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>A context outside DI (the CLI's one-shot commands, tests).</summary>
    public static DipTraderDbContext CreateContext(DatabaseConnection connection)
    {
        if (connection.Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresDbContext>();
            ConfigurePostgres(options, connection.ConnectionString);
            return new PostgresDbContext(options.Options);
        }
        EnsureSqliteDirectory(connection.ConnectionString);
        var sqlite = new DbContextOptionsBuilder<SqliteDbContext>();
        ConfigureSqlite(sqlite, connection.ConnectionString);
        return new SqliteDbContext(sqlite.Options);
    }

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention();

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && path != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }

    private sealed class FactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DipTraderDbContext>
        where TContext : DipTraderDbContext
    {
        public DipTraderDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
