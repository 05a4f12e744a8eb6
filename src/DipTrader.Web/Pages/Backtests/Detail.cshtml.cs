using System.Globalization;
using DipTrader.Exchanges.Paper;
using DipTrader.Web.Auth;
using DipTrader.Web.Pages.Bots;
using DipTrader.Web.Services.Backtests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Backtests;

/// <summary>
/// <c>/backtests/{id}</c>: progress while the backtest waits or runs (the page polls <c>/backtests/{id}/status</c>),
/// then the report: metrics, charts (from <c>/backtests/{id}/data</c>), the fills (<c>?trades=2</c>) and downloads.
/// <c>/backtests/{id}/cancel</c> and <c>/delete</c> are its forms. Another user's id is "not found" everywhere.
/// </summary>
public sealed class DetailModel(BacktestQueries queries, BacktestService backtests) : PageModel
{
    public const int TradesPageSize = 50;

    [BindProperty(SupportsGet = true, Name = "trades")]
    public int? TradesPage { get; set; }

    public BacktestView View { get; private set; } = null!;

    public BacktestSummary Backtest => View.Summary;

    public StoredReport? Report => View.Report;

    public static string Href(int id, string? rest = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/backtests/{id}") + (rest is null ? string.Empty : "/" + rest);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.ViewAsync(User.UserId(), id, cancellationToken) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }

    /// <summary>What the page's script polls: status, progress in percent, and the error of a failed run.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id, CancellationToken cancellationToken) =>
        await queries.ProgressAsync(User.UserId(), id, cancellationToken) is { } progress
            ? new JsonResult(new { status = progress.Status, progress = progress.Progress, error = progress.Error })
            : NotFound();

    /// <summary>The chart series of a finished backtest: price with EMAs, fills, and equity, balance and margin use.</summary>
    public async Task<IActionResult> OnGetDataAsync(int id, CancellationToken cancellationToken)
    {
        if (await queries.ViewAsync(User.UserId(), id, cancellationToken) is not { Report: { } stored })
        {
            return NotFound();
        }
        var report = stored.Report;
        var (series, prices) = report.Prices.FirstOrDefault();
        return new JsonResult(new
        {
            series,
            prices = (prices ?? []).Select(p => new { t = p.Time.ToUnixTimeSeconds(), p = p.Price, e50 = p.Ema50, e200 = p.Ema200 }),
            equity = report.Equity.Select(p => new { t = p.Time.ToUnixTimeSeconds(), e = p.Equity, b = p.Balance, m = p.MarginUsed }),
            fills = report.Trades.Select(f => new
            {
                t = f.Time.ToUnixTimeSeconds(),
                side = f.Side.ToString(),
                p = f.Price,
                q = f.Quantity,
                exit = f.ReduceOnly || f.Liquidity == FillLiquidity.Liquidation,
                liquidation = f.Liquidity == FillLiquidity.Liquidation,
            }),
        });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var result = await backtests.CancelAsync(User.UserId(), id, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        TempData[result.Succeeded ? "Success" : "Error"] = result.Succeeded ? "Backtest cancelled." : result.Errors.Values.First()[0];
        return Redirect(Href(id));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var result = await backtests.DeleteAsync(User.UserId(), id, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }
        TempData["Success"] = $"Backtest \"{result.Value!.Name}\" deleted.";
        return Redirect("/backtests");
    }

    public bool IsActive => BacktestStatus.IsActive(Backtest.Status);

    /// <summary>One page of the fills, newest first (as a bot's trades).</summary>
    public IReadOnlyList<PaperFill> TradesOnPage
    {
        get
        {
            var trades = Report!.Report.Trades;
            var newest = trades.Count - 1 - ((CurrentTradesPage - 1) * TradesPageSize);
            var oldest = Math.Max(0, newest - TradesPageSize + 1);
            return [.. Enumerable.Range(oldest, Math.Max(0, newest - oldest + 1)).Reverse().Select(i => trades[i])];
        }
    }

    public int CurrentTradesPage => Math.Min(FormNumbers.PageNumber(TradesPage), Math.Max(1, (Report!.Report.Trades.Count + TradesPageSize - 1) / TradesPageSize));

    public PagerView TradesPager
    {
        get
        {
            var number = CurrentTradesPage;
            var hasNext = number * TradesPageSize < Report!.Report.Trades.Count;
            return new PagerView("fills", number, number > 1 ? TradesLink(number - 1) : null, hasNext ? TradesLink(number + 1) : null);
        }
    }

    private string TradesLink(int number) =>
        Href(Backtest.Id) + (number > 1 ? string.Create(CultureInfo.InvariantCulture, $"?trades={number}") : string.Empty) + "#fills";
}
