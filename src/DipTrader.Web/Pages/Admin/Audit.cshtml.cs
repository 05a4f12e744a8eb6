using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Admin;

/// <summary><c>/admin/audit</c>: the last 50 audit log entries.</summary>
public sealed class AuditModel(AdminQueries queries) : PageModel
{
    public IReadOnlyList<AdminAuditRow> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        Entries = await queries.AuditAsync(cancellationToken);
    }
}
