using DipTrader.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DipTrader.Data;

/// <summary>
/// One model over the seed schema, the predecessor's migrations 002–003 and DipTrader's own tables.
/// Table and column names are the predecessor's (snake_case). Each provider has its own subclass and
/// migrations: <see cref="PostgresDbContext"/> and <see cref="SqliteDbContext"/>.
/// </summary>
public abstract class DipTraderDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Bot> Bots => Set<Bot>();
    public DbSet<TradingPair> TradingPairs => Set<TradingPair>();
    public DbSet<Trade> Trades => Set<Trade>();
    public DbSet<BotLog> BotLogs => Set<BotLog>();
    public DbSet<ExecutionMetric> ExecutionMetrics => Set<ExecutionMetric>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<NotificationSetting> NotificationSettings => Set<NotificationSetting>();
    public DbSet<BotRun> BotRuns => Set<BotRun>();
    public DbSet<PaperAccountRow> PaperAccounts => Set<PaperAccountRow>();
    public DbSet<Backtest> Backtests => Set<Backtest>();

    /// <summary>The web app's session-cookie key ring, shared by every instance (encrypted with SECRET_KEY).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider's name for a JSON column (jsonb on PostgreSQL, TEXT on SQLite).</summary>
    protected abstract string JsonColumnType { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money columns are DECIMAL(20,8) as in the seed; the two ratio columns override this below.
        configurationBuilder.Properties<decimal>().HavePrecision(20, 8);
        // Times are UTC, stored without a zone as the predecessor did.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ModelConfiguration.Apply(modelBuilder, JsonColumnType);
    }

    /// <summary>Stores UTC without a kind and reads it back as UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Unspecified),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : DipTraderDbContext(options)
{
    protected override string JsonColumnType => "jsonb";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // The predecessor's columns are TIMESTAMP without time zone; DipTrader stores UTC in them.
        configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone");
        configurationBuilder.Properties<DateTime?>().HaveColumnType("timestamp without time zone");
    }
}

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : DipTraderDbContext(options)
{
    protected override string JsonColumnType => "TEXT";
}
