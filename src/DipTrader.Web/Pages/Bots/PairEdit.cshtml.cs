using DipTrader.Bots.Venues;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/pairs/{pairId}/edit</c>: every field of a pair, prefilled with its current values.</summary>
public sealed class PairEditModel(PairService pairs, BotQueries queries, BotPageQueries pages, SymbolCatalog catalog) : PairFormPageModel(pages, catalog, isEdit: true)
{
    /// <summary>False when the stored strategy settings could not be read and the form shows the defaults.</summary>
    public bool StoredConfigReadable { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(int id, int pairId, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken) || await queries.PairAsync(UserId, id, pairId, cancellationToken) is not { } pair)
        {
            return NotFound();
        }
        Form = PairFields.From(pair, out var readable);
        StoredConfigReadable = readable;
        return await ShowFormAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int id, int pairId, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return await FinishAsync(await pairs.UpdateAsync(UserId, id, pairId, Form.ToInput(Form.IsActive), cancellationToken), cancellationToken);
    }
}
