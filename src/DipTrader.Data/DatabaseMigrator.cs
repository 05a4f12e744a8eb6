using Microsoft.EntityFrameworkCore;

namespace DipTrader.Data;

/// <summary>Applies the provider's migrations (adopting a predecessor PostgreSQL database in place).</summary>
public static class DatabaseMigrator
{
    /// <summary>Applies every pending migration; returns the names of those it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DipTraderDbContext context, CancellationToken cancellationToken)
    {
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (context is SqliteDbContext)
        {
            // Readers (the web app) and the writer (bot runs) work side by side in WAL mode.
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await context.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
