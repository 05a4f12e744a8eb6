using DipTrader.Web.Observability;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary>
/// <c>/admin/scheduler</c>: this process's scheduler (alive, lag, failures), the detailed health (database, cluster
/// instances, exchange, each bot's last successful run; as JSON at <c>/api/admin/health</c>) and the last 20 bot runs.
/// </summary>
public sealed class SchedulerModel(AdminQueries queries, DetailedHealth health, TimeProvider time) : PageModel
{
    public SchedulerView? View { get; private set; }
    public HealthReport? Health { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        View = await queries.SchedulerAsync(cancellationToken);
        Health = await health.CheckAsync(cancellationToken);
        Now = time.GetUtcNow();
    }
}
