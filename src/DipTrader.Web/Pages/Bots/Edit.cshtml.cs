using System.Globalization;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/edit</c>: name, testnet (Phemex bots) and run interval.</summary>
public sealed class EditModel(BotService bots, BotPageQueries pages) : BotPageModel(pages)
{
    public static readonly string[] Fields = ["Name", "Testnet", "RunEveryMinutes"];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool Testnet { get; set; }

    [BindProperty]
    public string? RunEveryMinutes { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Name = Bot.Name;
        Testnet = Bot.Testnet;
        RunEveryMinutes = Bot.RunEveryMinutes.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var input = new BotSettingsInput(Name ?? string.Empty, !Bot.IsPaper && Testnet, FormNumbers.WholeOrInvalid(RunEveryMinutes) ?? BotRules.DefaultRunEveryMinutes);
        var result = await bots.UpdateAsync(UserId, id, input, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return Refused(result.Errors);
        }
        return ToBot(Bot.Testnet != result.Value!.Testnet
            ? $"Saved. The bot now trades on Phemex {(result.Value.Testnet ? "testnet" : "mainnet")}: replace the keys if they belong to the other network."
            : "Saved.");
    }
}
