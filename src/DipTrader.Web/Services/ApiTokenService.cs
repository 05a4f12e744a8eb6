using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// A user's personal API tokens: create (the plaintext is returned once and never stored: only its SHA-256
/// and its first characters), list, revoke. Every query is scoped to the owner: another user's token id
/// answers "not found".
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<DipTraderDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;
    public const int MaxActiveTokens = 20;
    public const int PrefixLength = 8;

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a token; the result's value is the plaintext token, to show once and forget.</summary>
    public async Task<ServiceResult<string>> CreateAsync(int userId, string? name, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ServiceResult<string>.Invalid("TokenName", "Give the token a name, such as \"grafana\" or \"laptop script\".");
        }
        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            return ServiceResult<string>.Invalid("TokenName", $"Use at most {MaxNameLength} characters, on one line.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null, cancellationToken);
        if (active >= MaxActiveTokens)
        {
            return ServiceResult<string>.Invalid("TokenName", $"You already have {active} active tokens; revoke one you no longer use first.");
        }
        var token = ApiTokens.NewToken();
        var row = new ApiToken
        {
            UserId = userId,
            Name = trimmed,
            TokenHash = ApiTokens.Hash(token),
            Prefix = token[..PrefixLength],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(db, userId, AuditActions.TokenCreated, "api_token", row.Id, $"{row.Name} ({row.Prefix}…)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<string>.Ok(token);
    }

    /// <summary>Revokes one of the user's tokens; the value says whether it was still active.</summary>
    public async Task<ServiceResult<bool>> RevokeAsync(int userId, int tokenId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (row is null)
        {
            return ServiceResult<bool>.Missing();
        }
        if (row.RevokedAt is not null)
        {
            return ServiceResult<bool>.Ok(false);
        }
        row.RevokedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(db, userId, AuditActions.TokenRevoked, "api_token", row.Id, $"{row.Name} ({row.Prefix}…)");
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }
}

public sealed record ApiTokenSummary(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool Active => RevokedAt is null;
}
