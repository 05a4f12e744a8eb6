using DipTrader.Data.Entities;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace DipTrader.Web.Pages.Bots;

/// <summary><c>/bots/{id}/runs/{metricId}</c>: "why did my bot do that" — one pair run with its decision and every figure behind it.</summary>
public sealed class RunModel(BotQueries queries, BotPageQueries pages) : BotPageModel(pages)
{
    private readonly BotPageQueries _pages = pages;

    public ExecutionMetric Run { get; private set; } = null!;
    public RunDetails Details { get; private set; } = null!;
    public IReadOnlyList<Trade> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int metricId, CancellationToken cancellationToken)
    {
        if (!await LoadBotAsync(id, cancellationToken) || await queries.RunAsync(UserId, id, metricId, cancellationToken) is not { } run)
        {
            return NotFound();
        }
        Run = run;
        Details = RunDetails.Parse(run.Details);
        Orders = await _pages.RunOrdersAsync(UserId, run, cancellationToken);
        return Page();
    }

    /// <summary>The figures stored in the row's own columns (all a predecessor row has).</summary>
    public IReadOnlyList<RunFact> RecordedFacts =>
    [
        new("Balance", Display.Money(Run.TotalBalance)),
        new("Price", Display.Number(Run.CurrentPrice)),
        new("EMA50", Display.Number(Run.Ema50)),
        new("EMA200", Display.Number(Run.Ema200)),
        new("EMA100 (1 hour)", Display.Number(Run.Ema100H1)),
        new("Position size", Display.Number(Run.PositionSize)),
        new("Position margin", Display.Money(Run.PositionValue)),
        new("Entry price", Display.Number(Run.EntryPrice)),
        new("Unrealised PnL", Display.Signed(Run.UnrealizedPnl)),
        new("uPnL / margin", Display.Percent(Run.UnrealizedPnlPct)),
        new("Margin level", Display.Level(Run.MarginLevel)),
        new("Leverage", Run.Leverage is { } leverage ? BotFormat.Leverage(leverage) : "—"),
        new("Run took", Run.ExecutionTimeMs is { } ms ? $"{BotFormat.Whole(ms)} ms" : "—"),
    ];
}
