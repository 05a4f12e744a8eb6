using System.Globalization;
using DipTrader.Bots.Backtesting;
using Spectre.Console;

namespace DipTrader.Cli.Backtests;

/// <summary>The summary table a backtest prints, plain text when the output is not a terminal.</summary>
internal static class BacktestSummary
{
    public static void Write(IAnsiConsole console, BacktestReport report, string directory)
    {
        var m = report.Metrics;
        var table = new Table().Border(TableBorder.Rounded).Title($"Backtest {m.From:yyyy-MM-dd HH:mm} → {m.To:yyyy-MM-dd HH:mm} UTC");
        table.AddColumn("Figure");
        table.AddColumn(new TableColumn("Value").RightAligned());
        foreach (var (label, value) in Rows(m))
        {
            table.AddRow(Markup.Escape(label), Markup.Escape(value));
        }
        console.Write(table);
        console.WriteLine($"Report: {Path.Combine(directory, "report.html")} (also report.png, report.json, trades.csv, trades.json, decisions.csv)");
    }

    public static IEnumerable<(string Label, string Value)> Rows(BacktestMetrics m)
    {
        yield return ("Runs", m.Runs.ToString(CultureInfo.InvariantCulture));
        yield return ("Start balance", Money(m.StartBalance));
        yield return ("End balance", Money(m.EndBalance));
        yield return ("End equity", Money(m.EndEquity));
        yield return ("Return", Percent(m.Return));
        yield return ("Max drawdown", Percent(m.MaxDrawdown));
        yield return ("Fills", m.Trades.ToString(CultureInfo.InvariantCulture));
        yield return ("Win rate (exits)", $"{Percent(m.WinRate)} ({m.WinningExits} won, {m.LosingExits} lost)");
        yield return ("Fees", Money(m.Fees));
        yield return ("Funding (net received)", Money(m.Funding));
        yield return ("Liquidations", m.Liquidations.ToString(CultureInfo.InvariantCulture));
        yield return ("Max margin used", Percent(m.MaxMarginUsed));
        yield return ("Time in market", Percent(m.TimeInMarket));
        yield return ("Exposure", Percent(m.Exposure));
        yield return ("Rules", string.Join(", ", m.RuleCounts.Select(r => $"{r.Key} {r.Value}")));
    }

    private static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture) + " USDT";

    private static string Percent(decimal value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
