using System.Globalization;
using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// <c>/bots/{id}</c>: status, pairs with their positions, charts, and the trades, runs and logs tables, each paged
/// on its own (<c>?trades=2&amp;runs=1&amp;logs=3</c>), newest first. Five statements on one connection per page, and
/// only one when the bot has not changed since the user's last view (<see cref="BotPageCachePolicy"/>).
/// </summary>
[OutputCache(PolicyName = BotPageCachePolicy.Name)]
public sealed class DetailModel(BotQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "trades")]
    public int? TradesPage { get; set; }

    [BindProperty(SupportsGet = true, Name = "runs")]
    public int? RunsPage { get; set; }

    [BindProperty(SupportsGet = true, Name = "logs")]
    public int? LogsPage { get; set; }

    public BotView View { get; private set; } = null!;
    public Page<Trade> Trades { get; private set; } = null!;
    public Page<ExecutionMetric> Runs { get; private set; } = null!;
    public Page<BotLog> Logs { get; private set; } = null!;

    public Bot Bot => View.Bot;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var page = await queries.BotPageAsync(User.UserId(), id,
            FormNumbers.PageNumber(TradesPage), FormNumbers.PageNumber(RunsPage), FormNumbers.PageNumber(LogsPage), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        (View, Trades, Runs, Logs) = (page.Bot, page.Trades, page.Runs, page.Logs);
        return Page();
    }

    public bool CanStart => Bot.Status != BotStatus.Running;

    public bool CanStop => Bot.Status != BotStatus.Stopped;

    public bool HasActivePair => View.Pairs.Any(p => p.IsActive);

    /// <summary>The bot page with one table moved to another page, the others kept where they are.</summary>
    public string PageLink(string table, int number)
    {
        var pages = new (string Name, int Number)[]
        {
            ("trades", table == "trades" ? number : FormNumbers.PageNumber(TradesPage)),
            ("runs", table == "runs" ? number : FormNumbers.PageNumber(RunsPage)),
            ("logs", table == "logs" ? number : FormNumbers.PageNumber(LogsPage)),
        };
        var query = string.Join("&", pages.Where(p => p.Number > 1).Select(p => $"{p.Name}={p.Number.ToString(CultureInfo.InvariantCulture)}"));
        return $"/bots/{Bot.Id.ToString(CultureInfo.InvariantCulture)}{(query.Length > 0 ? "?" + query : string.Empty)}#{table}";
    }

    public PagerView Pager<T>(string table, Page<T> page) =>
        new(table, page.Number, page.HasPrevious ? PageLink(table, page.Number - 1) : null, page.HasNext ? PageLink(table, page.Number + 1) : null);

    public string NextRunText => Bot.Status switch
    {
        // The scheduler records next_run_at only for a back-off; otherwise the next run follows the last by the interval.
        BotStatus.Running => Display.Time(Bot.NextRunAt)
            ?? (Bot.LastRunAt is { } last ? $"about {Display.Time(last.AddMinutes(Bot.RunEveryMinutes))}" : "within a minute"),
        BotStatus.Error => "paused after errors: fix the cause, then start it again",
        _ => "not scheduled (stopped)",
    };
}

/// <summary>The newer/older links under one table.</summary>
public sealed record PagerView(string Table, int Number, string? NewerUrl, string? OlderUrl);
