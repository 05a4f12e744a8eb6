using System.Net.Mail;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    Locked,
    PendingApproval,
    Suspended,
}

public sealed record LoginResult(LoginOutcome Outcome, User? User = null, DateTime? LockedUntil = null);

/// <summary>
/// Registration, login with lockout and hash upgrades, password changes. Messages never say whether an
/// email exists, and a login for an unknown email costs as much time as a real one.
/// </summary>
public sealed class AccountService(IDbContextFactory<DipTraderDbContext> contexts, PasswordPolicy policy, SiteSettings settings, AuditLog audit, UserDirectory users, TimeProvider time)
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<LoginResult> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = normalized is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            WerkzeugPasswordHasher.VerifyDummy(password);
            audit.Add(db, null, AuditActions.LoginFailed, details: "unknown email");
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            WerkzeugPasswordHasher.VerifyDummy(password);
            return new LoginResult(LoginOutcome.Locked, LockedUntil: until);
        }
        if (!WerkzeugPasswordHasher.Verify(password, user.PasswordHash))
        {
            return await CountFailureAsync(db, user.Id, now, cancellationToken);
        }
        if (!user.IsActive)
        {
            return new LoginResult(LoginOutcome.Suspended);
        }
        if (!user.IsApproved)
        {
            return new LoginResult(LoginOutcome.PendingApproval);
        }
        if (WerkzeugPasswordHasher.NeedsRehash(user.PasswordHash))
        {
            user.PasswordHash = WerkzeugPasswordHasher.Hash(password);
        }
        user.FailedLoginCount = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        user.UpdatedAt = now;
        audit.Add(db, user.Id, AuditActions.Login, "user", user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new LoginResult(LoginOutcome.Success, user);
    }

    /// <summary>
    /// Counts a wrong password in the database (parallel guesses each count: a read-modify-write here let them count
    /// once in all) and locks the account at the <see cref="MaxFailedLogins"/>th. The increment holds the user's row
    /// lock to the commit, so the count read back is this guess's own.
    /// </summary>
    private async Task<LoginResult> CountFailureAsync(DipTraderDbContext db, int userId, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counted = await db.Users.Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), cancellationToken);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FailedLoginCount, u.LockedUntil }).SingleAsync(cancellationToken);
        if (counted == 0)
        {
            // A parallel guess locked the account meanwhile.
            return new LoginResult(LoginOutcome.Locked, LockedUntil: row.LockedUntil);
        }
        DateTime? lockedUntil = row.FailedLoginCount >= MaxFailedLogins ? now + LockoutDuration : null;
        if (lockedUntil is not null)
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, lockedUntil).SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
        }
        audit.Add(db, userId, lockedUntil is null ? AuditActions.LoginFailed : AuditActions.LoginLocked, "user", userId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lockedUntil is null ? new LoginResult(LoginOutcome.InvalidCredentials) : new LoginResult(LoginOutcome.Locked, LockedUntil: lockedUntil);
    }

    /// <summary>Registers a user; the first user of a fresh install becomes an approved admin.</summary>
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string confirmation, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalized = NormalizeEmail(email);
        if (normalized is null)
        {
            errors["Email"] = "Enter a valid email address, such as ann@example.com.";
        }
        var problems = policy.Check(password, normalized ?? email);
        if (problems.Count > 0)
        {
            errors["Password"] = string.Join(" ", problems);
        }
        if (password != confirmation)
        {
            errors["Confirmation"] = "The two passwords do not match.";
        }
        if (errors.Count > 0)
        {
            return new RegistrationResult(false, errors, Approved: false);
        }
        // The slow hash comes before the lock below (and costs a known email the same time as a new one).
        var passwordHash = WerkzeugPasswordHasher.Hash(password);
        var approvalRequired = await settings.ApprovalRequiredAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Registrations take turns from here to the commit, so only one can find the table empty and become the admin.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.LockUsersTableAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(u => u.Email == normalized, cancellationToken))
        {
            // Same answer as a new registration: the page must not reveal which emails have accounts.
            audit.Add(db, null, AuditActions.Register, details: "duplicate email");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(true, errors, Approved: false);
        }
        var first = !await db.Users.AnyAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Email = normalized!,
            PasswordHash = passwordHash,
            IsAdmin = first,
            IsApproved = first || !approvalRequired,
            Plan = Plans.Free,
            MaxBots = Plans.DefaultBotLimits[Plans.Free],
            CreatedAt = now,
            UpdatedAt = now,
            RequestedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(db, user.Id, AuditActions.Register, "user", user.Id, first ? "first user: admin" : null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegistrationResult(true, errors, user.IsApproved);
    }

    public async Task<IReadOnlyDictionary<string, string>> ChangePasswordAsync(int userId, string current, string replacement, string confirmation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!WerkzeugPasswordHasher.Verify(current, user.PasswordHash))
        {
            errors["CurrentPassword"] = "The current password is not right.";
        }
        var problems = policy.Check(replacement, user.Email);
        if (problems.Count > 0)
        {
            errors["NewPassword"] = string.Join(" ", problems);
        }
        if (replacement != confirmation)
        {
            errors["Confirmation"] = "The two passwords do not match.";
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        user.PasswordHash = WerkzeugPasswordHasher.Hash(replacement);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(db, user.Id, AuditActions.PasswordChanged, "user", user.Id);
        await db.SaveChangesAsync(cancellationToken);
        users.Forget(userId);
        return errors;
    }

    /// <summary>Trimmed and lower-cased, or null when it is not an email address.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 255 || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        return trimmed;
    }
}

public sealed record RegistrationResult(bool Accepted, IReadOnlyDictionary<string, string> Errors, bool Approved);
