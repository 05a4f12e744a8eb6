using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary><c>/admin</c>: pending approvals (approve, reject), site settings, and the state of the site at a glance.</summary>
public sealed class AdminModel(AdminQueries queries, AdminService admin, TimeProvider time) : PageModel
{
    private const string Back = "/admin";

    public AdminOverview? View { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        View = await queries.OverviewAsync(cancellationToken);
        Now = time.GetUtcNow();
    }

    public async Task<IActionResult> OnPostApproveAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.ApproveAsync(User.UserId(), userId, cancellationToken), Back);

    public async Task<IActionResult> OnPostRejectAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.RejectAsync(User.UserId(), userId, cancellationToken), Back);

    public Task<IActionResult> OnPostRegistrationAsync(bool? enabled, CancellationToken cancellationToken) =>
        SetAsync(SettingKeys.RegistrationEnabled, enabled, cancellationToken);

    public Task<IActionResult> OnPostApprovalAsync(bool? required, CancellationToken cancellationToken) =>
        SetAsync(SettingKeys.ApprovalRequired, required, cancellationToken);

    /// <summary>Sets a flag to the value the form names (never a blind toggle, so a double submit cannot flip it back).</summary>
    private async Task<IActionResult> SetAsync(string key, bool? value, CancellationToken cancellationToken)
    {
        if (value is not { } flag)
        {
            return this.RedirectWith(ServiceResult<string>.Invalid("Setting", "Choose on or off."), Back);
        }
        return this.RedirectWith(await admin.SetSettingAsync(User.UserId(), key, flag, cancellationToken), Back);
    }
}
