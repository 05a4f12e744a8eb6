using System.Globalization;
using System.Text;
using System.Text.Json;
using DipTrader.Bots.Backtesting.Reports;
using DipTrader.Web.Auth;
using DipTrader.Web.Services.Backtests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Backtests;

/// <summary><c>/backtests/{id}/files/{file}</c>: a finished backtest's trades.csv, trades.json, decisions.csv or report.json.</summary>
public sealed class FilesModel(BacktestQueries queries) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, string file, CancellationToken cancellationToken)
    {
        if (await queries.ViewAsync(User.UserId(), id, cancellationToken) is not { Report: { } stored })
        {
            return NotFound();
        }
        var report = stored.Report;
        (string Content, string Type)? download = file switch
        {
            "trades.csv" => (BacktestFiles.TradesCsv(report), "text/csv"),
            "trades.json" => (JsonSerializer.Serialize(report.Trades, BacktestFiles.Json), "application/json"),
            "decisions.csv" => (BacktestFiles.DecisionsCsv(report), "text/csv"),
            "report.json" => (BacktestFiles.SummaryJson(report), "application/json"),
            _ => null,
        };
        if (download is not { } chosen)
        {
            return NotFound();
        }
        return File(Encoding.UTF8.GetBytes(chosen.Content), chosen.Type + "; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"backtest-{id}-{file}"));
    }
}
