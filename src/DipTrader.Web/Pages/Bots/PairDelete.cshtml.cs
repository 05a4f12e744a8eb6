using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// <c>/bots/{id}/pairs/{pairId}/delete</c>: POST deletes (the bot page's button asks first through confirm.js);
/// GET shows the same question as a page, for browsers without JavaScript.
/// </summary>
public sealed class PairDeleteModel(PairService pairs, BotQueries queries) : PageModel
{
    public TradingPair Pair { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int pairId, CancellationToken cancellationToken)
    {
        if (await queries.PairAsync(User.UserId(), id, pairId, cancellationToken) is not { } pair)
        {
            return NotFound();
        }
        Pair = pair;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int pairId, CancellationToken cancellationToken)
    {
        var result = await pairs.DeleteAsync(User.UserId(), id, pairId, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Success"] = $"Pair {result.Value!.Symbol} {result.Value.Side} deleted.";
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        }
        return Redirect($"{BotCommandPage.BotUrl(id)}#pairs");
    }
}
