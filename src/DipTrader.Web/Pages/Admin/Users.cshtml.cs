using System.Globalization;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary>
/// <c>/admin/users</c>: every account, newest first, 50 a page; suspend and reactivate, plan and bot limit,
/// admin role, approve. Each action returns to the same page.
/// </summary>
public sealed class UsersModel(AdminQueries queries, AdminService admin) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AdminUserRow>? Users { get; private set; }

    public int CurrentUserId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        PageNumber = AdminFormat.Clamp(PageNumber);
        CurrentUserId = User.UserId();
        Users = await queries.UsersAsync(PageNumber, cancellationToken);
    }

    public async Task<IActionResult> OnPostSuspendAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.SuspendAsync(User.UserId(), userId, cancellationToken), Back);

    public async Task<IActionResult> OnPostReactivateAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.ReactivateAsync(User.UserId(), userId, cancellationToken), Back);

    public async Task<IActionResult> OnPostApproveAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.ApproveAsync(User.UserId(), userId, cancellationToken), Back);

    public async Task<IActionResult> OnPostMakeAdminAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.SetAdminAsync(User.UserId(), userId, makeAdmin: true, cancellationToken), Back);

    public async Task<IActionResult> OnPostRemoveAdminAsync(int userId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.SetAdminAsync(User.UserId(), userId, makeAdmin: false, cancellationToken), Back);

    /// <summary>The limit is optional: empty means the plan's default.</summary>
    public async Task<IActionResult> OnPostPlanAsync(int userId, string? plan, string? maxBots, CancellationToken cancellationToken)
    {
        int? limit = null;
        if (!string.IsNullOrWhiteSpace(maxBots))
        {
            if (!int.TryParse(maxBots.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                return this.RedirectWith(ServiceResult<string>.Invalid("MaxBots",
                    string.Create(CultureInfo.InvariantCulture, $"The bot limit is a whole number from 0 to {AdminService.MaxBotLimit}, or empty for the plan's default.")), Back);
            }
            limit = parsed;
        }
        return this.RedirectWith(await admin.ChangePlanAsync(User.UserId(), userId, plan, limit, cancellationToken), Back);
    }

    private string Back => string.Create(CultureInfo.InvariantCulture, $"/admin/users?p={AdminFormat.Clamp(PageNumber)}");
}
