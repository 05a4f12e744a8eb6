using System.Globalization;
using System.Net;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using Microsoft.Data.Sqlite;

namespace DipTrader.Cli.Tests.Operations;

/// <summary>
/// <c>diptrader backup</c> of the running web app (a paper bot trading under its scheduler, and more writes
/// beside it), then <c>diptrader restore</c> of that file somewhere else: every row there up to the backup,
/// one consistent moment, and an app that runs on it.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private const string Email = "owner@example.com";
    private const string Password = "Harbour-Lantern-Blue-77";
    private static readonly string SecretKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string EncryptionKey = SecretBox.GenerateKey();

    private readonly string _root = Directory.CreateTempSubdirectory("diptrader-backup-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_elsewhere_with_every_row_up_to_that_moment()
    {
        var live = Path.Combine(_root, "live");
        var liveDatabase = Path.Combine(live, "data", "diptrader.db");
        var botId = await SeedAsync(liveDatabase);
        using var app = await WebProcess.StartAsync(live, AppEnvironment(live, liveDatabase, scheduler: true), Token);
        await WaitForRunsAsync(liveDatabase, botId, runs: 3, app);
        using (var owner = new WebSession(app.BaseUrl))
        {
            Assert.Equal("/dashboard", (await owner.LogInAsync(Email, Password)).Location);
        }

        // Beside the scheduler's writes, numbered log lines, one transaction each, as fast as SQLite takes them.
        using var stopWriting = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(() => WriteNumberedLinesAsync(liveDatabase, botId, () => Interlocked.Increment(ref written), stopWriting.Token), Token);
        await WaitUntilAsync(() => Volatile.Read(ref written) >= 20, "the writer to get going");
        var before = await SqliteSnapshot.ReadAsync(liveDatabase);
        var writtenBefore = Volatile.Read(ref written);
        var backupFile = Path.Combine(_root, "backups", "diptrader-backup.db");
        var backup = await CliProcess.RunAsync(live, new Dictionary<string, string> { ["DATABASE_URL"] = liveDatabase }, "backup", "--out", backupFile);
        var writtenAfter = Volatile.Read(ref written);
        var after = await SqliteSnapshot.ReadAsync(liveDatabase);
        await stopWriting.CancelAsync();
        await writer;

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains($"to {backupFile}", backup.Output);
        Assert.True(writtenAfter > writtenBefore, "the app's database took writes while the backup ran");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupFile));
        }

        var elsewhere = Path.Combine(_root, "elsewhere");
        var restoredDatabase = Path.Combine(elsewhere, "data", "diptrader.db");
        Directory.CreateDirectory(elsewhere);
        var restore = await CliProcess.RunAsync(elsewhere, new Dictionary<string, string>(), "restore", "--from", backupFile);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Its schema is up to date.", restore.Output);
        var restored = await SqliteSnapshot.ReadAsync(restoredDatabase);

        Assert.Equal(after.Tables.Keys.Order(), restored.Tables.Keys.Order());
        foreach (var (table, rows) in before.Tables)
        {
            foreach (var (key, row) in rows)
            {
                // Every row that existed before the backup began is there; one nobody changed since is there unchanged.
                Assert.True(restored.Tables[table].TryGetValue(key, out var copy), $"{table} row {key} is missing");
                if (after.Tables[table].GetValueOrDefault(key) == row)
                {
                    Assert.Equal(row, copy);
                }
            }
            Assert.All(restored.Tables[table].Keys, key => Assert.True(after.Tables[table].ContainsKey(key), $"{table} row {key} never existed"));
        }
        Assert.True(restored.Tables["bot_runs"].Count >= 3 && restored.Tables["execution_metrics"].Count >= 3, "the bot's runs are there");
        Assert.Contains(restored.Tables["audit_log"].Values, row => row.Contains("login", StringComparison.OrdinalIgnoreCase));

        // One moment: the numbered lines are 1..n without a gap, n between what was written before and after.
        var numbers = restored.Tables["bot_logs"].Values.Where(r => r.Contains("message=writer #", StringComparison.Ordinal))
            .Select(r => int.Parse(r.Split("message=writer #")[1].Split('|')[0], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.InRange(numbers.Count, writtenBefore, writtenAfter + 1); // + the line committed but not yet counted
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);

        // The copy is a working DipTrader: the owner logs in there and finds the bot and its history.
        using var restoredApp = await WebProcess.StartAsync(elsewhere, AppEnvironment(elsewhere, restoredDatabase, scheduler: false), Token);
        using var session = new WebSession(restoredApp.BaseUrl);
        var login = await session.LogInAsync(Email, Password);
        Assert.True(login is { Status: HttpStatusCode.Redirect, Location: "/dashboard" }, $"login on the restored copy: {login.Status}");
        var bots = await session.JsonAsync("/api/bots");
        Assert.Equal("Paper dip", Assert.Single(bots.EnumerateArray()).GetProperty("name").GetString());
        var logs = await session.JsonAsync($"/api/bots/{botId}/logs");
        // Among the newest lines (the app's own bot runs may have logged after the writer's last line).
        Assert.Contains(logs.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("message").GetString() == $"writer #{numbers[^1]}");
    }

    private static Dictionary<string, string> AppEnvironment(string directory, string database, bool scheduler) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DATABASE_URL"] = database,
        ["DATA_DIR"] = Path.Combine(directory, "data"),
        ["SECRET_KEY"] = SecretKey,
        ["ENCRYPTION_KEY"] = EncryptionKey,
        ["SCHEDULER_ENABLED"] = scheduler ? "true" : "false",
        ["MARKET_DATA"] = "demo",
        // Nothing may reach the internet: a refused port answers at once.
        ["PHEMEX_BASE_URL"] = "http://127.0.0.1:9",
        ["TELEGRAM_API_URL"] = "http://127.0.0.1:9",
        ["Scheduler__MinuteLength"] = "00:00:01",
        ["Scheduler__FirstRunDelay"] = "00:00:00.2",
        ["Scheduler__ReconcileInterval"] = "00:00:00.5",
    };

    /// <summary>A migrated database with an approved owner and a running paper bot on BTCUSDT that runs every "minute".</summary>
    private static async Task<int> SeedAsync(string path)
    {
        var connection = DatabaseConnection.Sqlite(path);
        await using var db = PersistenceServiceCollectionExtensions.CreateContext(connection);
        await DatabaseMigrator.MigrateAsync(db, Token);
        var now = DateTime.UtcNow;
        var box = SecretBox.Create(null, EncryptionKey);
        var user = new User { Email = Email, PasswordHash = WerkzeugPasswordHasher.Hash(Password), IsApproved = true, IsAdmin = true, Plan = Plans.Pro, MaxBots = 10, CreatedAt = now, UpdatedAt = now };
        var bot = new Bot
        {
            User = user, Name = "Paper dip", Exchange = Data.Entities.Exchanges.Paper, Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 1,
            ApiKeyEncrypted = box.Encrypt("paper"), ApiSecretEncrypted = box.Encrypt("paper"), CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(user, bot, new TradingPair { Bot = bot, Symbol = "BTCUSDT", Side = "Long", AutomaticMode = true, CreatedAt = now });
        await db.SaveChangesAsync(Token);
        SqliteConnection.ClearAllPools();
        return bot.Id;
    }

    private static async Task WriteNumberedLinesAsync(string path, int botId, Func<int> next, CancellationToken stop)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(CancellationToken.None);
        var number = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO bot_logs (bot_id, level, message, created_at) VALUES ($bot, 'INFO', $message, $at)";
            command.Parameters.AddWithValue("$bot", botId);
            command.Parameters.AddWithValue("$message", $"writer #{++number}");
            command.Parameters.AddWithValue("$at", DateTime.UtcNow);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            next();
            await Task.Delay(2, CancellationToken.None);
        }
    }

    private static async Task WaitForRunsAsync(string path, int botId, int runs, WebProcess app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM bot_runs WHERE bot_id = {botId} AND finished_at IS NOT NULL";
            if (Convert.ToInt32(await command.ExecuteScalarAsync(Token), CultureInfo.InvariantCulture) >= runs)
            {
                return;
            }
            await Task.Delay(250, Token);
        }
        Assert.Fail($"The scheduler did not run the paper bot {runs} times; the app said:\n{app.Output}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, Token);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open: the temp folder is left to the OS.
        }
    }
}
