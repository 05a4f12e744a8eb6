using DipTrader.Data.Entities;
using DipTrader.Testing.Databases;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Data.Tests;

/// <summary>A database created by the Python predecessor is upgraded in place without losing a row.</summary>
public sealed class AdoptionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Rows = """
        INSERT INTO users (email, password_hash, plan, max_bots, is_approved, requested_at, created_at)
            VALUES ('first@example.com', 'pbkdf2:sha256:600000$saltsaltsaltsalt$00ff', 'basic', 3, TRUE, '2025-10-01 10:00:00', '2025-10-01 10:00:00');
        UPDATE users SET is_admin = TRUE WHERE id = 1;
        INSERT INTO users (email, password_hash, is_approved, requested_at)
            VALUES ('pending@example.com', 'scrypt:32768:8:1$abc$def', FALSE, '2025-10-02 11:00:00');
        INSERT INTO bots (user_id, name, exchange, testnet, api_key_encrypted, api_secret_encrypted, status)
            VALUES (1, 'BTC dip', 'phemex', FALSE, 'gAAAAAkey', 'gAAAAAsecret', 'running');
        INSERT INTO trading_pairs (bot_id, symbol, side, leverage, ema_interval, automatic_mode)
            VALUES (1, 'BTCUSDT', 'Long', 10, 1, TRUE), (1, 'ETHUSDT', 'Short', 5, 5, FALSE);
        INSERT INTO trading_pairs (bot_id, symbol, side, leverage, ema_interval, automatic_mode, is_active, created_at)
            VALUES (1, 'SOLUSDT', 'Long', NULL, NULL, NULL, NULL, NULL);
        INSERT INTO bot_logs (bot_id, level, message) VALUES (1, 'INFO', '📊 BTCUSDT Long - MANAGED - Added to position'),
            (1, 'ERROR', '❌ Execution failed: boom');
        INSERT INTO execution_metrics (bot_id, symbol, executed_at, total_balance, position_size, position_value, unrealized_pnl,
            unrealized_pnl_pct, margin_level, entry_price, current_price, leverage, side, action, conclusion, ema_200, ema_50, execution_time_ms)
            VALUES (1, 'BTCUSDT', '2025-10-03 12:00:00', 1234.56789012, 0.01, 51.00, -10.00, -0.2, 16.4, 0, 50000.5, 0, 'Long',
                    'managed', 'Added to position', 49800, 49900, 2345);
        INSERT INTO trades (bot_id, trading_pair_id, symbol, action, side, quantity, price)
            VALUES (1, 1, 'BTCUSDT', 'OPENED', 'Long', 0.001, 50000);
        """;

    [Fact]
    public async Task Predecessor_database_is_upgraded_in_place_and_keeps_every_row()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(TestDatabase.Postgres, Token);
        await TestDatabase.ExecuteAsync(database.Connection.ConnectionString, PredecessorSchema.All, Token);
        await TestDatabase.ExecuteAsync(database.Connection.ConnectionString, Rows, Token);

        await using (var migrate = database.CreateContext())
        {
            var applied = await DatabaseMigrator.MigrateAsync(migrate, Token);
            Assert.NotEmpty(applied);
        }

        await using var db = database.CreateContext();
        var users = await db.Users.OrderBy(u => u.Id).ToListAsync(Token);
        Assert.Equal(["first@example.com", "pending@example.com"], users.Select(u => u.Email));
        Assert.True(users[0].IsAdmin);
        Assert.True(users[0].IsApproved);
        Assert.False(users[1].IsApproved);
        Assert.Equal("pbkdf2:sha256:600000$saltsaltsaltsalt$00ff", users[0].PasswordHash);
        Assert.Equal(Plans.Basic, users[0].Plan);
        Assert.Equal(3, users[0].MaxBots);
        Assert.Equal(0, users[0].FailedLoginCount);
        Assert.False(string.IsNullOrEmpty(users[0].SecurityStamp));
        Assert.NotEqual(users[0].SecurityStamp, users[1].SecurityStamp);

        var bot = await db.Bots.Include(b => b.Pairs).SingleAsync(Token);
        Assert.Equal(BotStatus.Running, bot.Status);
        Assert.Equal("gAAAAAkey", bot.ApiKeyEncrypted);
        Assert.Equal("gAAAAAsecret", bot.ApiSecretEncrypted);
        Assert.False(bot.Testnet);
        Assert.Equal(5, bot.RunEveryMinutes);
        var pairs = bot.Pairs.OrderBy(p => p.Id).ToList();
        Assert.Equal(["BTCUSDT", "ETHUSDT", "SOLUSDT"], pairs.Select(p => p.Symbol));
        Assert.Equal(5, pairs[1].Leverage);
        Assert.False(pairs[1].AutomaticMode);
        Assert.Equal(10, pairs[2].Leverage); // a NULL leverage took the column default
        Assert.False(pairs[2].IsActive);      // the predecessor ran only is_active = true, showed no automatic mode for NULL
        Assert.False(pairs[2].AutomaticMode);

        Assert.Equal(2, await db.BotLogs.CountAsync(Token));
        var metric = await db.ExecutionMetrics.SingleAsync(Token);
        Assert.Equal(1234.56789012m, metric.TotalBalance);
        Assert.Equal(16.4m, metric.MarginLevel);
        Assert.Equal(49800m, metric.Ema200);
        Assert.Equal(2345, metric.ExecutionTimeMs);
        Assert.Equal(new DateTime(2025, 10, 3, 12, 0, 0, DateTimeKind.Utc), metric.ExecutedAt);
        Assert.Equal("OPENED", (await db.Trades.SingleAsync(Token)).Action);
        Assert.Equal("true", (await db.Settings.SingleAsync(s => s.Key == SettingKeys.RegistrationEnabled, Token)).Value);
    }

    [Fact]
    public async Task Adopted_database_takes_new_rows_and_lets_pairs_with_trades_be_deleted()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(TestDatabase.Postgres, Token);
        await TestDatabase.ExecuteAsync(database.Connection.ConnectionString, PredecessorSchema.All + Rows, Token);
        await using var db = database.CreateContext();
        await DatabaseMigrator.MigrateAsync(db, Token);

        db.Add(new User { Email = "new@example.com", PasswordHash = "h", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        db.Add(new BotRun { BotId = 1, StartedAt = DateTime.UtcNow, Outcome = RunOutcomes.Ok });
        await db.SaveChangesAsync(Token);
        await db.TradingPairs.Where(p => p.Id == 1).ExecuteDeleteAsync(Token);

        Assert.Equal(3, await db.Users.CountAsync(Token));
        Assert.Null((await db.Trades.SingleAsync(Token)).TradingPairId);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
    }
}
