using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// POST <c>/bots/{id}/start</c> (refused without an active pair or beyond the plan's limit) and POST
/// <c>/bots/{id}/stop</c>; a GET just goes back to the bot page.
/// </summary>
public sealed class CommandModel(BotService bots) : PageModel
{
    public IActionResult OnGet(int id) => Redirect(BotCommandPage.BotUrl(id));

    public async Task<IActionResult> OnPostAsync(int id, string command, CancellationToken cancellationToken)
    {
        var start = command == "start";
        var result = start
            ? await bots.StartAsync(User.UserId(), id, cancellationToken)
            : await bots.StopAsync(User.UserId(), id, cancellationToken);
        var success = start
            ? "Bot started: its first run comes within a minute."
            : "Bot stopped. An order its last run left resting is cancelled now; open positions stay open on the exchange until you close them.";
        return BotCommandPage.Finish(this, result, success, BotCommandPage.BotUrl(id));
    }
}
