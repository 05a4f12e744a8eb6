using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Locks that make a check and the write that depends on it one step against concurrent requests (count-then-insert
/// and check-then-insert were racy). Take them first thing inside a transaction; they hold until it ends. On PostgreSQL
/// a no-op UPDATE locks the row (as <c>SELECT … FOR UPDATE</c> would); on SQLite the transaction holds the database's
/// write lock from its start (EF Core begins it IMMEDIATE), which serialises every writer.
/// </summary>
internal static class RowLocks
{
    /// <summary>The user's row (their bots against the plan's limit); answers the user as the lock found them.</summary>
    public static async Task<User> LockUserAsync(DipTraderDbContext db, int userId, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, u => u.UpdatedAt), cancellationToken);
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
    }

    /// <summary>
    /// The users table as a whole, for registration: whether it is the first user is a question about rows that do not
    /// exist yet. PostgreSQL: a table lock that conflicts with itself and with writes of users (held to the commit);
    /// SQLite: nothing more, as the transaction already holds the write lock (EF Core begins it IMMEDIATE).
    /// </summary>
    public static async Task LockUsersTableAsync(DipTraderDbContext db, CancellationToken cancellationToken)
    {
        if (db is PostgresDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        }
    }

    /// <summary>The bot's row (its pairs, the account it trades on); false when the user has no such bot.</summary>
    public static async Task<bool> LockBotAsync(DipTraderDbContext db, int userId, int botId, CancellationToken cancellationToken) =>
        await db.Bots.Where(b => b.Id == botId && b.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.UpdatedAt, b => b.UpdatedAt), cancellationToken) == 1;
}
