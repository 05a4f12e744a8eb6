using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/new</c>: a Phemex bot (with keys) or a paper bot, within the plan's bot limit.</summary>
public sealed class NewModel(BotService bots, BotQueries queries) : PageModel
{
    public static readonly string[] Fields = ["Name", "Exchange", "Testnet", "RunEveryMinutes", "ApiKey", "ApiSecret"];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string Exchange { get; set; } = Data.Entities.Exchanges.Paper;

    /// <summary>No initial value: an unchecked box posts nothing and must read false (the GET handler checks it).</summary>
    [BindProperty]
    public bool Testnet { get; set; }

    [BindProperty]
    public string? RunEveryMinutes { get; set; } = "5";

    /// <summary>Bound on POST only; never written back into the page.</summary>
    [BindProperty]
    public string? ApiKey { get; set; }

    /// <summary>Bound on POST only; never written back into the page.</summary>
    [BindProperty]
    public string? ApiSecret { get; set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>Set when the plan's limit is already reached (the form still posts; the service refuses).</summary>
    public string? LimitWarning { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Testnet = true;
        var account = await queries.DashboardAsync(User.UserId(), cancellationToken);
        if (!account.CanCreateMore)
        {
            LimitWarning = $"You have reached your plan's limit of {account.MaxBots} bot{(account.MaxBots == 1 ? "" : "s")} ({account.Plan}). Delete a bot or ask an administrator for a larger plan.";
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var paper = Exchange == Data.Entities.Exchanges.Paper;
        var input = new NewBotInput(Name, Exchange, !paper && Testnet, FormNumbers.WholeOrInvalid(RunEveryMinutes),
            paper ? null : ApiKey, paper ? null : ApiSecret);
        var result = await bots.CreateAsync(User.UserId(), input, cancellationToken);
        if (!result.Succeeded)
        {
            Errors = new FormErrors(result.Errors);
            return Page();
        }
        TempData["Success"] = result.Value!.Exchange == Data.Entities.Exchanges.Paper
            ? $"Bot \"{result.Value.Name}\" created. Add a trading pair, then start it."
            : $"Bot \"{result.Value.Name}\" created with key …{result.Value.ApiKeyHint}. Add a trading pair, then start it.";
        return Redirect($"/bots/{result.Value.Id}");
    }

    public bool IsExchange(string exchange) => Exchange == exchange;

    public static string ExchangeLabel(string exchange) => BotFormat.IsPaper(exchange) ? "Paper (simulated account)" : "Phemex";

    public static IReadOnlyList<string> ExchangeChoices => Data.Entities.Exchanges.All;
}
