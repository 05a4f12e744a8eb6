using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DipTrader.Bots.Backtesting.Reports;

/// <summary>Writes a report as files: report.json, trades.csv, trades.json, decisions.csv and report.html.</summary>
public static class BacktestFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report without the per-run decisions (they go to decisions.csv), as JSON.</summary>
    public static string SummaryJson(BacktestReport report) => JsonSerializer.Serialize(report with { Decisions = [] }, Json);

    public static async Task WriteAsync(BacktestReport report, string directory, string? chartLibrary, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), SummaryJson(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "trades.json"), JsonSerializer.Serialize(report.Trades, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "trades.csv"), TradesCsv(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "decisions.csv"), DecisionsCsv(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), BacktestHtml.Render(report), cancellationToken);
        if (chartLibrary is not null && File.Exists(chartLibrary))
        {
            File.Copy(chartLibrary, Path.Combine(directory, BacktestHtml.ChartLibraryFile), overwrite: true);
        }
    }

    public static string TradesCsv(BacktestReport report)
    {
        var csv = new StringBuilder("time,symbol,side,position_side,quantity,price,fee,realised_pnl,liquidity,reduce_only,client_order_id\n");
        foreach (var t in report.Trades)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{t.Time:yyyy-MM-ddTHH:mm:ssZ},{t.Symbol},{t.Side},{t.PositionSide},{t.Quantity},{t.Price},{t.Fee},{t.RealisedPnl},{t.Liquidity},{(t.ReduceOnly ? "true" : "false")},{t.ClientOrderId}\n");
        }
        return csv.ToString();
    }

    public static string DecisionsCsv(BacktestReport report)
    {
        var csv = new StringBuilder("time,symbol,side,rule,action,quantity,price,reason\n");
        foreach (var d in report.Decisions)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{d.Time:yyyy-MM-ddTHH:mm:ssZ},{d.Symbol},{d.Side},{d.Rule},{d.Action},{d.Quantity},{d.Price},\"{d.Reason.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        }
        return csv.ToString();
    }
}
