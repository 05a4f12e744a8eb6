using System.Globalization;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>Audit actions of the admin pages that <see cref="AuditActions"/> does not name.</summary>
public static class AdminAuditActions
{
    public const string GrantedAdmin = "admin_granted_admin";
    public const string RevokedAdmin = "admin_revoked_admin";
}

/// <summary>
/// What an admin does to other accounts: approve, reject (pending users only), suspend and reactivate,
/// plan and bot limit, admin role, site settings, force-stopping any bot. Each change is audited in its own
/// unit of work, answers "not found" or a plain refusal when nothing matched (never a false success), and
/// evicts the user's cached status so sessions and API tokens see it at once. The site always keeps at least
/// one active admin.
/// </summary>
public sealed class AdminService(IDbContextFactory<DipTraderDbContext> contexts, SiteSettings settings, BotService bots, UserDirectory directory, AuditLog audit, TimeProvider time)
{
    public const int MaxBotLimit = 100;

    public Task<ServiceResult<string>> ApproveAsync(int adminId, int userId, CancellationToken cancellationToken) =>
        ChangeUserAsync(adminId, userId, u => u.IsApproved, u => u.IsApproved = true, AuditActions.AdminApproved,
            email => $"{email} was already approved; nothing changed.", email => $"{email} is approved and can log in.", cancellationToken);

    /// <summary>Deletes a user who is still waiting for approval (and nothing else).</summary>
    public async Task<ServiceResult<string>> RejectAsync(int adminId, int userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsApproved).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var deleted = email is null ? 0 : await db.Users.Where(u => u.Id == userId && !u.IsApproved).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Refused(string.Create(CultureInfo.InvariantCulture, $"Nothing was rejected: user #{userId} is not waiting for approval (already approved or removed)."));
        }
        audit.Add(db, adminId, AuditActions.AdminRejected, "user", userId, email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        directory.Forget(userId);
        return Done($"{email} was rejected and deleted.");
    }

    /// <summary>Suspends a user: their sessions and API tokens stop working, and their running bots are stopped.</summary>
    public async Task<ServiceResult<string>> SuspendAsync(int adminId, int userId, CancellationToken cancellationToken)
    {
        if (adminId == userId)
        {
            return Refused("You cannot suspend your own account.");
        }
        string email;
        bool changed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAdminsAsync(db, cancellationToken);
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                return ServiceResult<string>.Missing();
            }
            email = user.Email;
            changed = user.IsActive;
            if (changed)
            {
                user.IsActive = false;
                user.UpdatedAt = Now();
                audit.Add(db, adminId, AuditActions.AdminSuspended, "user", user.Id, user.Email);
                await db.SaveChangesAsync(cancellationToken);
                if (!await ActiveAdminRemainsAsync(db, cancellationToken))
                {
                    return Refused("That would leave the site without an active admin.");
                }
                await transaction.CommitAsync(cancellationToken);
            }
        }
        directory.Forget(userId);
        var stopped = await StopRunningBotsAsync(adminId, userId, cancellationToken);
        return Done(string.Create(CultureInfo.InvariantCulture,
            $"{email} {(changed ? "is" : "was already")} suspended: sessions and API tokens no longer work{(stopped > 0 ? $"; {stopped} running bot{(stopped == 1 ? " was" : "s were")} stopped" : "")}."));
    }

    public Task<ServiceResult<string>> ReactivateAsync(int adminId, int userId, CancellationToken cancellationToken) =>
        ChangeUserAsync(adminId, userId, u => u.IsActive, u => u.IsActive = true, AuditActions.AdminReactivated,
            email => $"{email} is not suspended; nothing changed.", email => $"{email} is active again. Their bots stay stopped until they start them.", cancellationToken);

    /// <summary>Sets the plan and the bot limit: the plan's default unless <paramref name="maxBots"/> is given (0–100).</summary>
    public async Task<ServiceResult<string>> ChangePlanAsync(int adminId, int userId, string? plan, int? maxBots, CancellationToken cancellationToken)
    {
        var name = plan?.Trim().ToLowerInvariant() ?? string.Empty;
        var errors = new FieldErrors();
        if (!Plans.DefaultBotLimits.TryGetValue(name, out var defaultLimit))
        {
            errors.Add("Plan", $"Choose one of {string.Join(", ", Plans.DefaultBotLimits.Keys)}.");
        }
        if (maxBots is < 0 or > MaxBotLimit)
        {
            errors.Add("MaxBots", string.Create(CultureInfo.InvariantCulture, $"The bot limit is a whole number from 0 to {MaxBotLimit}, or empty for the plan's default."));
        }
        if (errors.Count > 0)
        {
            return ServiceResult<string>.Invalid(errors.ToDictionary());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<string>.Missing();
        }
        var limit = maxBots ?? defaultLimit;
        var before = string.Create(CultureInfo.InvariantCulture, $"{user.Plan}/{user.MaxBots}");
        user.Plan = name;
        user.MaxBots = limit;
        user.UpdatedAt = Now();
        audit.Add(db, adminId, AuditActions.AdminPlanChanged, "user", user.Id, string.Create(CultureInfo.InvariantCulture, $"{before} -> {name}/{limit}"));
        await db.SaveChangesAsync(cancellationToken);
        return Done(string.Create(CultureInfo.InvariantCulture, $"{user.Email} is on the {name} plan with up to {limit} bot{(limit == 1 ? "" : "s")}."));
    }

    /// <summary>Grants or removes the admin role; the last active admin cannot remove their own.</summary>
    public async Task<ServiceResult<string>> SetAdminAsync(int adminId, int userId, bool makeAdmin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAdminsAsync(db, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<string>.Missing();
        }
        if (user.IsAdmin == makeAdmin)
        {
            return Refused($"{user.Email} {(makeAdmin ? "is already" : "is not")} an admin; nothing changed.");
        }
        if (makeAdmin && !(user.IsApproved && user.IsActive))
        {
            return Refused($"Approve and reactivate {user.Email} before making them an admin.");
        }
        user.IsAdmin = makeAdmin;
        user.UpdatedAt = Now();
        audit.Add(db, adminId, makeAdmin ? AdminAuditActions.GrantedAdmin : AdminAuditActions.RevokedAdmin, "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        if (!makeAdmin && !await ActiveAdminRemainsAsync(db, cancellationToken))
        {
            return Refused("You are the last active admin: make someone else an admin before removing your own role.");
        }
        await transaction.CommitAsync(cancellationToken);
        directory.Forget(userId);
        return Done(makeAdmin ? $"{user.Email} is now an admin." : $"{user.Email} is no longer an admin.");
    }

    /// <summary>Registration open/closed and approval required on/off.</summary>
    public async Task<ServiceResult<string>> SetSettingAsync(int adminId, string key, bool value, CancellationToken cancellationToken)
    {
        var label = key switch
        {
            SettingKeys.RegistrationEnabled => value ? "Registration is open." : "Registration is closed.",
            SettingKeys.ApprovalRequired => value ? "New accounts wait for an admin's approval." : "New accounts are approved at once.",
            _ => null,
        };
        if (label is null)
        {
            return ServiceResult<string>.Missing();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await settings.SetAsync(db, key, value, cancellationToken);
        audit.Add(db, adminId, AuditActions.AdminSettingChanged, "setting", null, $"{key}={(value ? "true" : "false")}");
        await db.SaveChangesAsync(cancellationToken);
        return Done(label);
    }

    /// <summary>Stops any user's bot (audited as an admin stop by <see cref="BotService"/>).</summary>
    public async Task<ServiceResult<string>> ForceStopAsync(int adminId, int botId, CancellationToken cancellationToken)
    {
        var result = await bots.StopAsync(adminId, botId, cancellationToken, byAdmin: true);
        return result.Succeeded
            ? Done(string.Create(CultureInfo.InvariantCulture, $"Bot #{botId} ({result.Value!.Name}) is stopped."))
            : ServiceResult<string>.Missing();
    }

    /// <summary>Sets one flag of a user, unless it is already set; audited, and the user's cached status evicted.</summary>
    private async Task<ServiceResult<string>> ChangeUserAsync(int adminId, int userId, Func<User, bool> alreadyDone, Action<User> change, string action,
        Func<string, string> unchanged, Func<string, string> done, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<string>.Missing();
        }
        if (alreadyDone(user))
        {
            return Refused(unchanged(user.Email));
        }
        change(user);
        user.UpdatedAt = Now();
        audit.Add(db, adminId, action, "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(userId);
        return Done(done(user.Email));
    }

    private async Task<int> StopRunningBotsAsync(int adminId, int userId, CancellationToken cancellationToken)
    {
        List<int> running;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            running = await db.Bots.AsNoTracking().Where(b => b.UserId == userId && b.Status == BotStatus.Running).Select(b => b.Id).ToListAsync(cancellationToken);
        }
        var stopped = 0;
        foreach (var botId in running)
        {
            if ((await bots.StopAsync(adminId, botId, cancellationToken, byAdmin: true)).Succeeded)
            {
                stopped++;
            }
        }
        return stopped;
    }

    /// <summary>Locks the admins' rows (a no-op update), so two admins cannot demote or suspend each other at once.</summary>
    private static Task<int> LockAdminsAsync(DipTraderDbContext db, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.IsAdmin).ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, u => u.UpdatedAt), cancellationToken);

    private static Task<bool> ActiveAdminRemainsAsync(DipTraderDbContext db, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.IsAdmin && u.IsActive && u.IsApproved, cancellationToken);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static ServiceResult<string> Done(string message) => ServiceResult<string>.Ok(message);

    private static ServiceResult<string> Refused(string message) => ServiceResult<string>.Invalid("User", message);
}
