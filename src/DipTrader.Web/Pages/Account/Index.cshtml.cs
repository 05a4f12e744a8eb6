using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Account;

/// <summary>
/// <c>/account</c>: the user's password (form posts to <c>/account/password</c>), personal API tokens (create,
/// list, revoke) and Telegram notifications (forms post to <c>/account/telegram</c>). A new token is shown once:
/// it rides in TempData to the next render and is never stored in plain text.
/// </summary>
public sealed class AccountModel(ApiTokenService tokens, NotificationSettingsService telegram) : PageModel
{
    private const string NewTokenKey = "NewApiToken";

    [BindProperty]
    public string? TokenName { get; set; }

    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];
    public TelegramView Telegram { get; private set; } = new(false, false, false, null, null);
    public string? NewToken { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NewToken = TempData[NewTokenKey] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(CancellationToken cancellationToken)
    {
        var result = await tokens.CreateAsync(User.UserId(), TokenName, cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            await LoadAsync(cancellationToken);
            return Page();
        }
        TempData[NewTokenKey] = result.Value;
        TempData["Success"] = "API token created. Copy it now: it is shown only this once.";
        return LocalRedirect("/account#tokens");
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int tokenId, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(User.UserId(), tokenId, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        TempData["Success"] = result.Value ? "The token is revoked: requests that use it are refused from now on." : "That token was already revoked.";
        return LocalRedirect("/account#tokens");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        Tokens = await tokens.ListAsync(User.UserId(), cancellationToken);
        Telegram = await telegram.GetAsync(User.UserId(), cancellationToken);
    }
}
