using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DipTrader.Bots.Backtesting;

namespace DipTrader.Bots.Tests.Backtesting;

/// <summary>
/// A backtest's pinned result: its figures (rounded for reading) and the hash of its ordered fill list in
/// <c>{name}.json</c>, the fill list itself in <c>{name}.fills.txt</c> so a change shows as a diff.
/// <c>DIPTRADER_UPDATE_GOLDEN=1</c> rewrites them in the source tree after a deliberate change.
/// </summary>
internal static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("DIPTRADER_UPDATE_GOLDEN") == "1";

    public static string Input(string file) => Path.Combine(AppContext.BaseDirectory, "Backtesting", "Golden", file);

    public static string SourceDirectory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    /// <summary>One line per fill, in order: what the golden hash covers.</summary>
    public static string Fills(BacktestReport report)
    {
        var text = new StringBuilder();
        foreach (var f in report.Trades)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{f.Time:yyyy-MM-ddTHH:mm}Z {f.Symbol} {f.PositionSide} {f.Side} qty={f.Quantity} price={Round(f.Price, 8)} fee={Round(f.Fee, 8)} pnl={Round(f.RealisedPnl, 8)} {f.Liquidity}{(f.ReduceOnly ? " reduce-only" : "")} {f.ClientOrderId}\n");
        }
        return text.ToString();
    }

    public static string Summary(string name, BacktestReport report, string fills)
    {
        var m = report.Metrics;
        var summary = new
        {
            scenario = name,
            from = m.From,
            to = m.To,
            runs = m.Runs,
            endBalance = Round(m.EndBalance, 6),
            endEquity = Round(m.EndEquity, 6),
            @return = Round(m.Return, 6),
            maxDrawdown = Round(m.MaxDrawdown, 6),
            fills = m.Trades,
            winningExits = m.WinningExits,
            losingExits = m.LosingExits,
            fees = Round(m.Fees, 6),
            funding = Round(m.Funding, 6),
            liquidations = m.Liquidations,
            maxMarginUsed = Round(m.MaxMarginUsed, 6),
            timeInMarket = Round(m.TimeInMarket, 6),
            rules = m.RuleCounts,
            fillsSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fills))),
        };
        return JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The first lines where <paramref name="actual"/> departs from <paramref name="expected"/>, for a failure message.</summary>
    public static string Diff(string expected, string actual, int maxLines = 12)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var diff = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < maxLines; i++)
        {
            var left = i < e.Length ? e[i] : "(none)";
            var right = i < a.Length ? a[i] : "(none)";
            if (left != right)
            {
                diff.Append(CultureInfo.InvariantCulture, $"line {i + 1}:\n  - {left}\n  + {right}\n");
                shown++;
            }
        }
        return diff.ToString();
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.ToEven);
}
