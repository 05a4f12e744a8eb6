using DipTrader.Bots.Venues;
using DipTrader.Data.Entities;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary>The add and edit pair pages: the bound form, the venue's symbols, and what to do with PairService's answer.</summary>
public abstract class PairFormPageModel(BotPageQueries pages, SymbolCatalog catalog, bool isEdit) : BotPageModel(pages)
{
    [BindProperty]
    public PairFields Form { get; set; } = new();

    public PairFormView View { get; private set; } = null!;

    protected async Task<IActionResult> ShowFormAsync(CancellationToken cancellationToken)
    {
        View = new PairFormView(Bot, Form, Errors, await VenueSymbols.LoadAsync(catalog, Bot, cancellationToken), isEdit);
        return Page();
    }

    /// <summary>404, the form again with every field's message and what was typed, or back to the bot page.</summary>
    protected async Task<IActionResult> FinishAsync(ServiceResult<TradingPair> result, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            Refused(result.Errors);
            Form.Normalize();
            return await ShowFormAsync(cancellationToken);
        }
        return ToBot($"Pair {result.Value!.Symbol} {result.Value.Side} {(isEdit ? "saved" : "added")}.", "#pairs");
    }
}
