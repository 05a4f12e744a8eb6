using DipTrader.Bots.Venues;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/pairs/new</c>: a symbol and side with leverage, EMA interval, mode and every strategy setting.</summary>
public sealed class PairNewModel(PairService pairs, BotPageQueries pages, SymbolCatalog catalog) : PairFormPageModel(pages, catalog, isEdit: false)
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Form = PairFields.ForNew();
        return await ShowFormAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await FinishAsync(await pairs.AddAsync(UserId, id, Form.ToInput(isActive: true), cancellationToken), cancellationToken);
    }
}
