using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Bots;

/// <summary>A page about one of the user's bots: loads its header (another user's bot is "not found") and holds form errors.</summary>
public abstract class BotPageModel(BotPageQueries pages) : PageModel
{
    public BotHeader Bot { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    protected int UserId => User.UserId();

    /// <summary>Loads the bot; false when it is not the user's (answer <see cref="PageModel.NotFound()"/>).</summary>
    protected async Task<bool> LoadBotAsync(int id, CancellationToken cancellationToken)
    {
        if (await pages.HeaderAsync(UserId, id, cancellationToken) is not { } bot)
        {
            return false;
        }
        Bot = bot;
        return true;
    }

    /// <summary>Shows the form again with the service's field messages (the typed values are still bound).</summary>
    protected IActionResult Refused(IReadOnlyDictionary<string, string[]> errors)
    {
        Errors = new FormErrors(errors);
        return Page();
    }

    protected RedirectResult ToBot(string success, string fragment = "")
    {
        TempData["Success"] = success;
        return Redirect(BotCommandPage.BotUrl(Bot.Id) + fragment);
    }
}
