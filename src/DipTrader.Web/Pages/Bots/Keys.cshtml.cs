using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/keys</c>: replaces the Phemex API key and secret; the old ones are never shown, only the key's last 4 characters.</summary>
public sealed class KeysModel(BotService bots, BotPageQueries pages) : BotPageModel(pages)
{
    public static readonly string[] Fields = ["ApiKey", "ApiSecret"];

    /// <summary>Bound on POST only; never written back into the page.</summary>
    [BindProperty]
    public string? ApiKey { get; set; }

    /// <summary>Bound on POST only; never written back into the page.</summary>
    [BindProperty]
    public string? ApiSecret { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadBotAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var result = await bots.ReplaceKeysAsync(UserId, id, new BotKeysInput(ApiKey, ApiSecret), cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        return result.Succeeded
            ? ToBot($"Keys replaced: the bot now uses the key ending …{result.Value!.ApiKeyHint}.")
            : Refused(result.Errors);
    }
}
