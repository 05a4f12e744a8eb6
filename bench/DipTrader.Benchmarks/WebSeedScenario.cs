using System.Diagnostics;
using System.Globalization;
using DipTrader.Benchmarks.Web;
using DipTrader.Data;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DipTrader.Benchmarks;

/// <summary>
/// Seeds the busy account of the web benchmark (issue 6; <c>bench/web/run</c> calls it): a new database
/// <c>--database</c> on the PostgreSQL server <c>--pg</c> (an admin connection string; default <c>DIPTRADER_TEST_PG</c>),
/// migrated, then one user with 10 bots, 30 pairs, 10,000 trades, 50,000 log lines and 60,000 run records
/// (<c>execution_metrics</c>, with their <c>bot_runs</c>), vacuumed and analysed. Exchange keys are encrypted with
/// <c>ENCRYPTION_KEY</c>, the key the web app is started with. Prints <c>DATABASE_URL=…</c> and <c>BOT_ID=…</c> (the first bot).
/// Usage: <c>webseed --database NAME [--pg CONNECTION] [--email E] [--password P] [--bots 10] [--pairs 30]
/// [--trades 10000] [--logs 50000] [--runs 60000]</c>.
/// </summary>
internal static class WebSeedScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Text(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => Text(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var server = Text("--pg", Environment.GetEnvironmentVariable("DIPTRADER_TEST_PG"));
        var name = Text("--database", null);
        var key = Environment.GetEnvironmentVariable(SecretBox.KeySetting);
        if (string.IsNullOrWhiteSpace(server) || string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(key))
        {
            await Console.Error.WriteLineAsync("webseed: needs --database NAME, a server (--pg or DIPTRADER_TEST_PG) and ENCRYPTION_KEY in the environment.");
            return 2;
        }
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            await Console.Error.WriteLineAsync("webseed: --database takes lower-case letters, digits and _ only.");
            return 2;
        }
        var token = CancellationToken.None;
        var clock = Stopwatch.StartNew();
        await TestDatabase.ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", token);
        await TestDatabase.ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0", token);
        var connection = new DatabaseConnection(DatabaseProvider.Postgres,
            new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString);
        await using (var db = PersistenceServiceCollectionExtensions.CreateContext(connection))
        {
            await DatabaseMigrator.MigrateAsync(db, token);
        }
        var seed = new WebSeed(SecretBox.Create(null, key), Number("--bots", 10), Number("--pairs", 30), Number("--trades", 10_000),
            Number("--logs", 50_000), Number("--runs", 60_000));
        var bots = await seed.SeedAsync(connection, Text("--email", "bench@example.com")!, Text("--password", "webbench-password-1")!, token);
        await using (var db = PersistenceServiceCollectionExtensions.CreateContext(connection))
        {
            // As autovacuum would have done on a database this old: statistics and the visibility map.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", token);
        }
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"webseed: {name} seeded in {clock.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine($"DATABASE_URL={connection.ConnectionString}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BOT_ID={bots[0]}"));
        return 0;
    }
}
