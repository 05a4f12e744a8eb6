using DipTrader.Bots.Backtesting;
using ScottPlot;

namespace DipTrader.Cli.Backtests;

/// <summary>The report's chart as a PNG for a terminal user: price with EMAs and fills, equity, margin use.</summary>
internal static class BacktestPng
{
    public const int Width = 1400;
    public const int Height = 1200;

    public static void Save(BacktestReport report, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        PricePlot(multiplot.GetPlot(0), report);
        EquityPlot(multiplot.GetPlot(1), report);
        MarginPlot(multiplot.GetPlot(2), report);
        multiplot.SavePng(path, Width, Height);
    }

    private static void PricePlot(Plot plot, BacktestReport report)
    {
        plot.Title("Price, EMA50, EMA200 and fills");
        foreach (var (name, points) in report.Prices)
        {
            var times = points.Select(p => p.Time.UtcDateTime.ToOADate()).ToArray();
            var price = plot.Add.ScatterLine(times, points.Select(p => (double)p.Price).ToArray());
            price.LegendText = name;
            var ema50 = plot.Add.ScatterLine(times, points.Select(p => (double)p.Ema50).ToArray());
            ema50.LegendText = "EMA50";
            ema50.LinePattern = LinePattern.Dashed;
            var ema200 = plot.Add.ScatterLine(times, points.Select(p => (double)p.Ema200).ToArray());
            ema200.LegendText = "EMA200";
            ema200.LinePattern = LinePattern.Dotted;
        }
        AddFills(plot, report, exits: false, Colors.Green, "entries");
        AddFills(plot, report, exits: true, Colors.Red, "exits");
        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void AddFills(Plot plot, BacktestReport report, bool exits, Color color, string label)
    {
        var fills = report.Trades.Where(f => f.ReduceOnly == exits).ToList();
        if (fills.Count == 0)
        {
            return;
        }
        var markers = plot.Add.Markers(
            fills.Select(f => f.Time.UtcDateTime.ToOADate()).ToArray(),
            fills.Select(f => (double)f.Price).ToArray(),
            exits ? MarkerShape.FilledTriangleDown : MarkerShape.FilledTriangleUp,
            7,
            color);
        markers.LegendText = label;
    }

    private static void EquityPlot(Plot plot, BacktestReport report)
    {
        plot.Title("Equity and balance (USDT)");
        var times = report.Equity.Select(p => p.Time.UtcDateTime.ToOADate()).ToArray();
        plot.Add.ScatterLine(times, report.Equity.Select(p => (double)p.Equity).ToArray()).LegendText = "equity";
        plot.Add.ScatterLine(times, report.Equity.Select(p => (double)p.Balance).ToArray()).LegendText = "balance";
        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void MarginPlot(Plot plot, BacktestReport report)
    {
        plot.Title("Position margin / balance");
        var times = report.Equity.Select(p => p.Time.UtcDateTime.ToOADate()).ToArray();
        var margin = plot.Add.ScatterLine(times, report.Equity.Select(p => (double)p.MarginUsed).ToArray());
        margin.FillY = true;
        margin.FillYColor = Colors.Orange.WithAlpha(0.3);
        margin.Color = Colors.DarkOrange;
        plot.Axes.DateTimeTicksBottom();
    }
}
