using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary><c>/admin/scheduler</c>: this process's scheduler (alive, lag, failures) and the last 20 bot runs.</summary>
public sealed class SchedulerModel(AdminQueries queries, TimeProvider time) : PageModel
{
    public SchedulerView? View { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        View = await queries.SchedulerAsync(cancellationToken);
        Now = time.GetUtcNow();
    }
}
