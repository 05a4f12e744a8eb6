using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/delete</c>: GET asks "are you sure", POST deletes the bot with its pairs, trades, runs and logs.</summary>
public sealed class DeleteModel(BotService bots, BotPageQueries pages) : BotPageModel(pages)
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadBotAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await bots.DeleteAsync(UserId, id, cancellationToken);
        return BotCommandPage.Finish(this, result, $"Bot \"{result.Value?.Name}\" deleted.", result.Succeeded ? "/dashboard" : BotCommandPage.BotUrl(id));
    }
}
