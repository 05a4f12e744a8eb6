using DipTrader.Data;

namespace DipTrader.Web.Hosting;

/// <summary>The web app's own settings, read once at start from the environment and appsettings.</summary>
public sealed class WebSettings
{
    /// <summary>Run the scheduler in this process (default), or leave it to <c>diptrader worker</c> processes (<c>--no-scheduler</c> / <c>SCHEDULER_ENABLED=false</c>).</summary>
    public bool SchedulerEnabled { get; init; } = true;

    /// <summary>Apply migrations at start: always on SQLite; on PostgreSQL when <c>MIGRATE_ON_START=true</c>.</summary>
    public bool MigrateOnStart { get; init; }

    public required DatabaseConnection Database { get; init; }

    /// <summary>Where the embedded default keeps its files (<c>./data</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The reverse proxies whose <c>X-Forwarded-*</c> headers are believed (<c>TRUSTED_PROXIES</c>; default loopback).</summary>
    public TrustedProxies TrustedProxies { get; init; } = TrustedProxies.Parse(null);

    public static WebSettings Read(IConfiguration configuration, string contentRoot, string[] args)
    {
        var dataDirectory = Path.GetFullPath(configuration["DATA_DIR"] is { Length: > 0 } dir ? dir : Path.Combine(contentRoot, "data"));
        var url = configuration["DATABASE_URL"];
        var database = DatabaseConnection.Sqlite(Path.Combine(dataDirectory, "diptrader.db"));
        if (!string.IsNullOrWhiteSpace(url) && !DatabaseConnection.TryParse(url, contentRoot, out database, out var error))
        {
            throw new InvalidOperationException(error);
        }
        var scheduler = !args.Contains("--no-scheduler", StringComparer.Ordinal)
            && !string.Equals(configuration["SCHEDULER_ENABLED"], "false", StringComparison.OrdinalIgnoreCase);
        var migrate = database.Provider == DatabaseProvider.Sqlite
            || string.Equals(configuration["MIGRATE_ON_START"], "true", StringComparison.OrdinalIgnoreCase);
        return new WebSettings { SchedulerEnabled = scheduler, MigrateOnStart = migrate, Database = database, DataDirectory = dataDirectory, TrustedProxies = TrustedProxies.Read(configuration) };
    }
}
