using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages;

public sealed class DashboardModel(BotQueries queries) : PageModel
{
    public DashboardView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = await queries.DashboardAsync(User.UserId(), cancellationToken);
    }
}
