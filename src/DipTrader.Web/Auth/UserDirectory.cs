using DipTrader.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DipTrader.Web.Auth;

/// <summary>
/// The few user facts every request checks (active, approved, admin, security stamp), cached for a short
/// while so a busy page does not read the users table on each request. Changes that matter (suspension,
/// password change, approval) evict the entry at once.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<DipTraderDbContext> contexts, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<UserStatus?> FindAsync(int userId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(userId), out UserStatus? status))
        {
            return status;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        status = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserStatus(u.Id, u.Email, u.IsActive, u.IsApproved, u.IsAdmin, u.SecurityStamp))
            .SingleOrDefaultAsync(cancellationToken);
        cache.Set(Key(userId), status, Lifetime);
        return status;
    }

    public void Forget(int userId) => cache.Remove(Key(userId));

    private static string Key(int userId) => $"user-status:{userId}";
}

public sealed record UserStatus(int Id, string Email, bool IsActive, bool IsApproved, bool IsAdmin, string SecurityStamp)
{
    public bool MaySignIn => IsActive && IsApproved;
}
