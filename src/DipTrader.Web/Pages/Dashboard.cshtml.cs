using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DipTrader.Web.Pages;

/// <summary><c>/dashboard</c>: the user's plan and bots; cached while they are unchanged (<see cref="DashboardCachePolicy"/>).</summary>
[OutputCache(PolicyName = DashboardCachePolicy.Name)]
public sealed class DashboardModel(BotQueries queries) : PageModel
{
    public DashboardView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        View = DashboardCachePolicy.ReadFor(HttpContext) ?? await queries.DashboardAsync(User.UserId(), cancellationToken);
    }
}
