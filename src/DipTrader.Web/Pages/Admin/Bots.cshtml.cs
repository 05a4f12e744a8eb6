using System.Globalization;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary><c>/admin/bots</c>: every tenant's bots, newest first, 50 a page, with a force stop.</summary>
public sealed class BotsModel(AdminQueries queries, AdminService admin) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<AdminBotRow>? Bots { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        PageNumber = AdminFormat.Clamp(PageNumber);
        Bots = await queries.BotsAsync(PageNumber, cancellationToken);
    }

    public async Task<IActionResult> OnPostStopAsync(int botId, CancellationToken cancellationToken) =>
        this.RedirectWith(await admin.ForceStopAsync(User.UserId(), botId, cancellationToken),
            string.Create(CultureInfo.InvariantCulture, $"/admin/bots?p={AdminFormat.Clamp(PageNumber)}"));
}
