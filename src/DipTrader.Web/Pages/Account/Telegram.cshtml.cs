using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Account;

/// <summary>
/// <c>/account/telegram</c>: the user's own Telegram bot token and chat id (save, enable, disable, clear, send a
/// test message). The token is never rendered, not even after a failed save.
/// </summary>
public sealed class TelegramModel(NotificationSettingsService telegram) : PageModel
{
    private const string Back = "/account#telegram";

    [BindProperty]
    public string? BotToken { get; set; }

    [BindProperty]
    public string? ChatId { get; set; }

    [BindProperty]
    public bool Enabled { get; set; }

    public TelegramView View { get; private set; } = new(false, false, false, null, null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        View = await telegram.GetAsync(User.UserId(), cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var result = await telegram.SaveAsync(User.UserId(), new TelegramInput(BotToken, ChatId, Enabled), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await OnGetAsync(cancellationToken);
            return Page();
        }
        TempData["Success"] = Enabled ? "Telegram settings saved: notifications are on." : "Telegram settings saved: notifications are off.";
        return LocalRedirect(Back);
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        this.RedirectWith(Describe(await telegram.SetEnabledAsync(User.UserId(), true, cancellationToken)), Back);

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        this.RedirectWith(Describe(await telegram.SetEnabledAsync(User.UserId(), false, cancellationToken)), Back);

    public async Task<IActionResult> OnPostClearAsync(CancellationToken cancellationToken)
    {
        var cleared = await telegram.ClearAsync(User.UserId(), cancellationToken);
        TempData["Success"] = cleared ? "Telegram settings removed." : "There were no Telegram settings to remove.";
        return LocalRedirect(Back);
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken) =>
        this.RedirectWith(await telegram.SendTestAsync(User.UserId(), cancellationToken), Back);

    private static ServiceResult<string> Describe(ServiceResult<bool> result) => result.Succeeded
        ? ServiceResult<string>.Ok(result.Value ? "Telegram notifications are on." : "Telegram notifications are off.")
        : ServiceResult<string>.Invalid(result.Errors);
}

/// <summary>What the Telegram form partial shows.</summary>
public sealed record TelegramForm(TelegramView View, IReadOnlyDictionary<string, string[]> Errors);
