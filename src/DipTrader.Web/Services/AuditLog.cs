using DipTrader.Data;
using DipTrader.Data.Entities;

namespace DipTrader.Web.Services;

/// <summary>Audit actions: logins, key changes, starts, stops, deletions and admin actions.</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login_failed";
    public const string LoginLocked = "login_locked";
    public const string Logout = "logout";
    public const string Register = "register";
    public const string PasswordChanged = "password_changed";
    public const string BotCreated = "bot_created";
    public const string BotEdited = "bot_edited";
    public const string KeysReplaced = "keys_replaced";
    public const string BotStarted = "bot_started";
    public const string BotStopped = "bot_stopped";
    public const string BotDeleted = "bot_deleted";
    public const string PairDeleted = "pair_deleted";
    public const string TokenCreated = "api_token_created";
    public const string TokenRevoked = "api_token_revoked";
    public const string TelegramChanged = "telegram_changed";
    public const string AdminApproved = "admin_approved_user";
    public const string AdminRejected = "admin_rejected_user";
    public const string AdminSuspended = "admin_suspended_user";
    public const string AdminReactivated = "admin_reactivated_user";
    public const string AdminPlanChanged = "admin_changed_plan";
    public const string AdminSettingChanged = "admin_changed_setting";
    public const string AdminStoppedBot = "admin_stopped_bot";
}

/// <summary>Adds audit rows to the caller's unit of work (saved with the change they describe).</summary>
public sealed class AuditLog(TimeProvider time, IHttpContextAccessor http)
{
    public void Add(DipTraderDbContext db, int? userId, string action, string? targetType = null, int? targetId = null, string? details = null)
    {
        db.AuditLog.Add(new AuditEntry
        {
            UserId = userId,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
    }
}
