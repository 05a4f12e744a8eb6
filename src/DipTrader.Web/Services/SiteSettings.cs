using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Admin toggles in the <c>settings</c> table: registration open (the predecessor's <c>registration_enabled</c>)
/// and approval required. A missing row means the default: both on. Unlike the predecessor, a database error
/// while reading them fails closed (the error page), never open.
/// </summary>
public sealed class SiteSettings(IDbContextFactory<DipTraderDbContext> contexts, TimeProvider time)
{
    public Task<bool> RegistrationEnabledAsync(CancellationToken cancellationToken) => FlagAsync(SettingKeys.RegistrationEnabled, cancellationToken);

    public Task<bool> ApprovalRequiredAsync(CancellationToken cancellationToken) => FlagAsync(SettingKeys.ApprovalRequired, cancellationToken);

    public async Task SetAsync(DipTraderDbContext db, string key, bool value, CancellationToken cancellationToken)
    {
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            row = new Setting { Key = key };
            db.Settings.Add(row);
        }
        row.Value = value ? "true" : "false";
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private async Task<bool> FlagAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        return value is null || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
    }
}
