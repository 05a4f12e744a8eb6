using System.Net;
using System.Text.RegularExpressions;
using DipTrader.Cli.Tests.Operations;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DipTrader.Cli.Tests.Upgrade;

/// <summary>
/// The README's "Upgrading from the Python bot", step by step with real processes: a database the predecessor
/// made (its schema and migrations, Werkzeug hashes and Fernet tokens made by Werkzeug and cryptography) is
/// adopted in place by <c>diptrader migrate</c>, twice; its users log in to the web app with their old passwords
/// and find their bots, pairs and history; and <c>diptrader worker</c> resumes the running bot on the fake
/// Phemex server with the key the predecessor encrypted. The standalone bot's <c>.env</c> is
/// <see cref="StandaloneEnvUpgradeTests"/>.
/// </summary>
public sealed partial class UpgradeFromPythonTests : IDisposable
{
    private const int AliceBot = 1;
    private const int BobBot = 2;
    private const string AliceBotName = "BTC dip buyer";
    private const string BobBotName = "Testnet trial";
    private const string OldConclusion = "Holding: price above EMA200, no action needed";
    private const string OldError = "Execution failed: ConnectionError: api.phemex.com timed out";

    /// <summary>
    /// The predecessor's rows as its app and scheduler wrote them (saas/app.py, saas/execute_all_bots.py): Alice
    /// (user 1, made admin by migration 003) with a running mainnet bot, Bob (approved, a Werkzeug 2.x hash) with a
    /// stopped testnet bot, Carol registered and waiting. NULLs where the predecessor's columns allow them:
    /// a pair edited by hand in psql, an unused pair config, a log line without text or time, a failed run's metrics.
    /// </summary>
    private static readonly string PredecessorRows = $"""
        INSERT INTO users (email, password_hash, plan, max_bots, is_approved, requested_at, created_at, updated_at) VALUES
            ('{PredecessorFixture.AliceEmail}', '{PredecessorFixture.AlicePasswordHash}', 'free', 1, TRUE, '2025-03-01 09:00:00', '2025-03-01 09:00:00', '2025-03-01 09:00:00'),
            ('{PredecessorFixture.BobEmail}', '{PredecessorFixture.BobPasswordHash}', 'free', 1, TRUE, '2025-03-02 10:00:00', '2025-03-02 10:00:00', '2025-03-02 10:00:00'),
            ('{PredecessorFixture.CarolEmail}', '{PredecessorFixture.CarolPasswordHash}', 'free', 1, FALSE, '2025-06-20 18:30:00', '2025-06-20 18:30:00', '2025-06-20 18:30:00');
        UPDATE users SET is_admin = TRUE WHERE id = 1;
        INSERT INTO bots (user_id, name, exchange, testnet, api_key_encrypted, api_secret_encrypted, status, created_at, updated_at) VALUES
            (1, '{AliceBotName}', 'phemex', FALSE, '{PredecessorFixture.AliceApiKeyEncrypted}', '{PredecessorFixture.AliceApiSecretEncrypted}', 'running', '2025-03-01 09:05:00', '2025-03-01 09:20:00'),
            (2, '{BobBotName}', 'phemex', TRUE, '{PredecessorFixture.BobApiKeyEncrypted}', '{PredecessorFixture.BobApiSecretEncrypted}', 'stopped', '2025-03-02 10:05:00', '2025-03-02 10:05:00');
        INSERT INTO trading_pairs (bot_id, symbol, side, leverage, ema_interval, automatic_mode, config, is_active, created_at) VALUES
            (1, 'BTCUSDT', 'Long', 10, 1, TRUE, NULL, TRUE, '2025-03-01 09:10:00'),
            (1, 'ETHUSDT', 'Short', NULL, NULL, NULL, NULL, NULL, NULL),
            (2, 'SOLUSDT', 'Long', 20, 5, FALSE, NULL, TRUE, '2025-03-02 10:06:00');
        INSERT INTO bot_logs (bot_id, level, message, created_at) VALUES
            (1, 'INFO', 'bot execution started', '2025-06-01 10:00:00'),
            (1, 'INFO', '📊 BTCUSDT Long - MANAGED - {OldConclusion}', '2025-06-01 10:00:04'),
            (1, 'INFO', 'Execution completed successfully (4.2s) with 1 pair(s)', '2025-06-01 10:00:04'),
            (1, 'INFO', 'bot execution started', '2025-06-01 10:05:00'),
            (1, 'ERROR', '{OldError}', '2025-06-01 10:05:03'),
            (1, 'WARNING', NULL, NULL);
        INSERT INTO execution_metrics (bot_id, symbol, executed_at, total_balance, position_size, position_value, unrealized_pnl,
            unrealized_pnl_pct, margin_level, entry_price, current_price, leverage, side, action, conclusion, ema_200, ema_50, execution_time_ms) VALUES
            (1, 'BTCUSDT', '2025-06-01 10:00:04', 1234.56789012, 0.002, 60.5, -1.25, -2.0661, 16.4, 60500, 59875.5, 10, 'Long',
                'managed', '{OldConclusion}', 59000, 59500, 4210),
            (1, 'BTCUSDT', '2025-06-01 10:05:03', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                'error', 'ConnectionError: api.phemex.com timed out', NULL, NULL, NULL);
        INSERT INTO trades (bot_id, trading_pair_id, symbol, action, side, quantity, price, pnl, balance_after, executed_at, details) VALUES
            (1, 1, 'BTCUSDT', 'OPENED', 'Long', 0.002, 60500, NULL, NULL, '2025-05-30 08:00:00', NULL);
        """;

    private static readonly string SecretKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly string _directory = Directory.CreateTempSubdirectory("diptrader-upgrade-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_predecessor_database_is_adopted_in_place_its_users_log_in_with_old_passwords_and_the_running_bot_resumes()
    {
        // 1. The predecessor's database: schema, migrations 002-003, and its rows.
        await using var database = await TestDatabase.CreateEmptyAsync(TestDatabase.Postgres, Token);
        await TestDatabase.ExecuteAsync(database.Connection.ConnectionString, PredecessorSchema.All, Token);
        await TestDatabase.ExecuteAsync(database.Connection.ConnectionString, PredecessorRows, Token);
        var databaseUrl = DatabaseUrl(database.Connection.ConnectionString);

        // 2. diptrader migrate with the predecessor's DATABASE_URL and ENCRYPTION_KEY; a second run changes nothing.
        var migrateEnvironment = new Dictionary<string, string> { ["DATABASE_URL"] = databaseUrl, ["ENCRYPTION_KEY"] = PredecessorFixture.EncryptionKey };
        var first = await CliProcess.RunAsync(_directory, migrateEnvironment, "migrate");
        Assert.True(first.ExitCode == 0, $"first migrate: {first.ExitCode}\n{first.Output}\n{first.Error}");
        Assert.Contains("applied", first.Output);
        NpgsqlConnection.ClearAllPools();
        var adopted = await PostgresSnapshot.ReadAsync(database.Connection.ConnectionString, Token);
        var second = await CliProcess.RunAsync(_directory, migrateEnvironment, "migrate");
        Assert.True(second.ExitCode == 0, $"second migrate: {second.ExitCode}\n{second.Output}\n{second.Error}");
        Assert.Contains("up to date.", second.Output);
        Assert.Equal(adopted, await PostgresSnapshot.ReadAsync(database.Connection.ConnectionString, Token));
        Assert.DoesNotContain("postgres:postgres", first.Output + first.Error + second.Output + second.Error);

        // 3. The web app (no scheduler: the workers run the bots) on the adopted database.
        using var web = await WebProcess.StartAsync(_directory, WebEnvironment(databaseUrl), Token);
        using var alice = new WebSession(web.BaseUrl);
        Assert.Equal("302 /dashboard", Outcome(await alice.LogInAsync(PredecessorFixture.AliceEmail, PredecessorFixture.AlicePassword)));
        var dashboard = Text(await alice.PageAsync("/dashboard"));
        Assert.Contains(AliceBotName, dashboard);
        Assert.DoesNotContain(BobBotName, dashboard);

        var botPage = await alice.PageAsync($"/bots/{AliceBot}");
        var bot = Text(botPage);
        Assert.Contains(AliceBotName, bot);
        Assert.Contains("mainnet", bot);
        Assert.Matches(LastRunNever(), botPage);
        var pairs = PairRows(botPage);
        Assert.Equal(["BTCUSDT Long 10x 1 minute ✓ opens positions active", "ETHUSDT Short 10x 1 minute ✗ manages only inactive"], pairs);
        Assert.Contains($"📊 BTCUSDT Long - MANAGED - {OldConclusion}", bot);                  // the old log lines
        Assert.Contains(OldError, bot);
        Assert.Contains("Execution completed successfully (4.2s) with 1 pair(s)", bot);
        Assert.Contains(OldConclusion, RunHistory(botPage));                                   // the old metrics
        Assert.Contains("ConnectionError: api.phemex.com timed out", RunHistory(botPage));
        Assert.Contains("OPENED", bot);                                                         // the old trade
        Assert.Contains("60500", bot);
        Assert.Contains("stored (encrypted)", bot);
        var oldRun = Text(await alice.PageAsync($"/bots/{AliceBot}/runs/1"));
        Assert.Contains("1,234.57", oldRun);
        Assert.Contains("16.40", oldRun);
        Assert.Contains("ConnectionError", Text(await alice.PageAsync($"/bots/{AliceBot}/runs/2")));
        var keys = Text(await alice.PageAsync($"/bots/{AliceBot}/keys"));
        Assert.Contains("stored (encrypted)", keys);
        foreach (var page in new[] { dashboard, bot, keys, Text(await alice.PageAsync($"/api/bots/{AliceBot}")) })
        {
            Assert.DoesNotContain(PredecessorFixture.AliceApiSecret, page);
            Assert.DoesNotContain(PredecessorFixture.AliceApiKey, page);
            Assert.DoesNotContain(PredecessorFixture.AliceApiSecretEncrypted, page);
            Assert.DoesNotContain(PredecessorFixture.AliceApiKeyEncrypted, page);
        }

        using (var bob = new WebSession(web.BaseUrl))
        {
            Assert.Equal("302 /dashboard", Outcome(await bob.LogInAsync(PredecessorFixture.BobEmail, PredecessorFixture.BobPassword)));
            var bobs = Text(await bob.PageAsync("/dashboard"));
            Assert.Contains(BobBotName, bobs);
            Assert.Contains("testnet", bobs);
            Assert.DoesNotContain(AliceBotName, bobs);
        }
        using (var carol = new WebSession(web.BaseUrl))
        {
            var waiting = await carol.LogInAsync(PredecessorFixture.CarolEmail, PredecessorFixture.CarolPassword);
            Assert.Equal("200", Outcome(waiting));
            Assert.Contains("Your account is waiting for an administrator's approval.", Text(waiting.Body));
        }
        using (var stranger = new WebSession(web.BaseUrl))
        {
            var wrong = await stranger.LogInAsync(PredecessorFixture.AliceEmail, PredecessorFixture.BobPassword);
            Assert.Equal("200", Outcome(wrong));
            Assert.Contains("The email or password is not right.", Text(wrong.Body));
        }
        await using (var db = database.CreateContext())
        {
            // Bob's 260,000-iteration hash was replaced at his login by one at today's policy, of the same password;
            // Alice's, already at the policy, was left as Werkzeug wrote it.
            var hashes = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => u.PasswordHash).ToListAsync(Token);
            Assert.Equal(PredecessorFixture.AlicePasswordHash, hashes[0]);
            Assert.StartsWith("pbkdf2:sha256:600000$", hashes[1]);
            Assert.True(WerkzeugPasswordHasher.Verify(PredecessorFixture.BobPassword, hashes[1]));
            Assert.Equal(PredecessorFixture.CarolPasswordHash, hashes[2]);
        }

        // 4. diptrader worker resumes Alice's running bot with the key the predecessor encrypted; Bob's stopped bot stays put.
        await using var phemex = await FakePhemexServer.StartAsync(cancellationToken: Token);
        phemex.AddAccount(PredecessorFixture.AliceApiKey, PredecessorFixture.AliceApiSecret, 10_000m);
        phemex.AddAccount(PredecessorFixture.BobApiKey, PredecessorFixture.BobApiSecret, 10_000m);
        foreach (var (symbol, price) in new[] { ("BTCUSDT", 100m), ("ETHUSDT", 50m), ("SOLUSDT", 20m) })
        {
            CalmMarket.Set(phemex, symbol, price);
        }
        using (var worker = CliProcess.Start(_directory, WorkerEnvironment(databaseUrl, phemex), "worker", "--log-format", "text"))
        {
            // Two finished runs: the bot keeps its five-"minute" schedule, and the scheduler has long since seen every bot.
            await WaitForRunsAsync(database, AliceBot, 2, TimeSpan.FromSeconds(120), () => $"worker: {worker.Output}\n{worker.Error}");
        }
        await using (var db = database.CreateContext())
        {
            var runs = await db.BotRuns.AsNoTracking().ToListAsync(Token);
            Assert.All(runs, r => Assert.Equal((AliceBot, RunOutcomes.Ok), (r.BotId, r.Outcome)));
            var newMetrics = await db.ExecutionMetrics.AsNoTracking().Where(m => m.RunId != null).ToListAsync(Token);
            Assert.NotEmpty(newMetrics);
            Assert.All(newMetrics, m => Assert.Equal((AliceBot, "BTCUSDT", "Long"), (m.BotId, m.Symbol, m.Side)));  // the inactive pair stays out
        }
        var signed = phemex.Requests.All.Where(r => r.ApiKey is not null).ToList();
        Assert.Contains(signed, r => r.ApiKey == PredecessorFixture.AliceApiKey);
        Assert.All(signed, r => Assert.Equal((PredecessorFixture.AliceApiKey, 200), (r.ApiKey, r.Status)));   // her secret signed them: the fake checks

        var resumed = await alice.PageAsync($"/bots/{AliceBot}");
        Assert.Matches(LastRunOk(), resumed);
        Assert.Contains($"📊 BTCUSDT Long - MANAGED - {OldConclusion}", Text(resumed));
        Assert.Contains(OldConclusion, RunHistory(resumed));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The predecessor's form of DATABASE_URL for a test database.</summary>
    private static string DatabaseUrl(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private Dictionary<string, string> WebEnvironment(string databaseUrl) => new()
    {
        // Development only for cookies over plain HTTP on loopback (production marks them Secure, behind TLS).
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DATABASE_URL"] = databaseUrl,
        ["DATA_DIR"] = Path.Combine(_directory, "data"),
        ["SECRET_KEY"] = SecretKey,
        ["ENCRYPTION_KEY"] = PredecessorFixture.EncryptionKey,
        ["SCHEDULER_ENABLED"] = "false",
        // Nothing may reach the internet: a refused port answers at once.
        ["PHEMEX_BASE_URL"] = "http://127.0.0.1:9",
        ["TELEGRAM_API_URL"] = "http://127.0.0.1:9",
    };

    private static Dictionary<string, string> WorkerEnvironment(string databaseUrl, FakePhemexServer phemex) => new()
    {
        ["DATABASE_URL"] = databaseUrl,
        ["ENCRYPTION_KEY"] = PredecessorFixture.EncryptionKey,
        ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
        ["TELEGRAM_API_URL"] = "http://127.0.0.1:9",
        ["MARKET_DATA"] = "phemex",
        ["Scheduler__MinuteLength"] = "00:00:01",
        ["Scheduler__ReconcileInterval"] = "00:00:00.5",
        ["Scheduler__FirstRunDelay"] = "00:00:00.2",
    };

    private static async Task WaitForRunsAsync(TestDatabase database, int botId, int count, TimeSpan timeout, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                var finished = await db.BotRuns.AsNoTracking().CountAsync(r => r.BotId == botId && r.FinishedAt != null, Token);
                if (finished >= count)
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, $"bot {botId} did not run {count} times within {timeout.TotalSeconds} s; {explain()}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        }
    }

    /// <summary>A login's answer as "302 /dashboard" (signed in) or "200" (the form again, with a message).</summary>
    private static string Outcome((HttpStatusCode Status, string? Location, string Body) login) => $"{(int)login.Status} {login.Location}".Trim();

    /// <summary>What a reader sees: entities such as &amp;#x1F4CA; decoded.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    /// <summary>The pairs table, a row a line of its first six cells as text.</summary>
    private static List<string> PairRows(string html)
    {
        var table = PairsTable().Match(html).Value;
        return [.. Row().Matches(table).Skip(1).Select(row => string.Join(" ", Cell().Matches(row.Value).Take(6)
            .Select(cell => Text(Tags().Replace(cell.Groups["text"].Value, "")).Trim())))];
    }

    private static string RunHistory(string html) => Text(RunsSection().Match(html).Value);

    [GeneratedRegex("<table class=\"pairs\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex PairsTable();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<section class=\"card\" id=\"runs\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex RunsSection();

    [GeneratedRegex(@"<dt>Last run</dt>\s*<dd>\s*never\s*</dd>")]
    private static partial Regex LastRunNever();

    [GeneratedRegex(@"<dt>Last run</dt>\s*<dd>\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC\s*<span class=""badge ok"">ok</span>")]
    private static partial Regex LastRunOk();
}
