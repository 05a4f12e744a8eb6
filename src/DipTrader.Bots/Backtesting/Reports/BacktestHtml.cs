using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DipTrader.Bots.Backtesting.Reports;

/// <summary>
/// A stand-alone HTML report: the figures, and lightweight-charts charts of price with EMAs and the fills,
/// equity and margin use. The chart library sits next to it (<see cref="ChartLibraryFile"/>); no CDN.
/// </summary>
public static class BacktestHtml
{
    public const string ChartLibraryFile = "lightweight-charts.standalone.production.js";

    public static string Render(BacktestReport report)
    {
        var m = report.Metrics;
        var data = JsonSerializer.Serialize(new
        {
            equity = report.Equity.Select(p => new { t = p.Time.ToUnixTimeSeconds(), e = p.Equity, b = p.Balance, m = p.MarginUsed }),
            prices = report.Prices.ToDictionary(p => p.Key, p => p.Value.Select(x => new { t = x.Time.ToUnixTimeSeconds(), p = x.Price, e50 = x.Ema50, e200 = x.Ema200 })),
            fills = report.Trades.Select(f => new { t = f.Time.ToUnixTimeSeconds(), s = f.Symbol, side = f.Side.ToString(), ps = f.PositionSide.ToString(), p = f.Price, q = f.Quantity, exit = f.ReduceOnly, liq = f.Liquidity.ToString() }),
        }, BacktestFiles.Json);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DipTrader backtest</title>");
        html.Append("<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1f2933}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #e2e6ea;text-align:left}.chart{height:320px;margin:18px 0}</style>");
        html.Append(CultureInfo.InvariantCulture, $"<script src=\"{ChartLibraryFile}\"></script></head><body><h1>Backtest {m.From:yyyy-MM-dd} → {m.To:yyyy-MM-dd}</h1><table>");
        foreach (var (label, value) in Rows(m))
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }
        html.Append("</table><h2>Price, EMA50, EMA200 and fills</h2><div id=\"price\" class=\"chart\"></div><h2>Equity and balance</h2><div id=\"equity\" class=\"chart\"></div><h2>Margin use</h2><div id=\"margin\" class=\"chart\"></div>");
        html.Append("<script>const report=").Append(data).Append(";\n").Append(Script).Append("</script></body></html>");
        return html.ToString();
    }

    private static IEnumerable<(string, string)> Rows(BacktestMetrics m)
    {
        string P(decimal v) => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        string N(decimal v) => v.ToString("#,0.00", CultureInfo.InvariantCulture);
        yield return ("Start balance", N(m.StartBalance));
        yield return ("End balance", N(m.EndBalance));
        yield return ("End equity", N(m.EndEquity));
        yield return ("Return", P(m.Return));
        yield return ("Max drawdown", P(m.MaxDrawdown));
        yield return ("Runs", m.Runs.ToString(CultureInfo.InvariantCulture));
        yield return ("Fills", m.Trades.ToString(CultureInfo.InvariantCulture));
        yield return ("Win rate (exits)", $"{P(m.WinRate)} ({m.WinningExits} won, {m.LosingExits} lost)");
        yield return ("Fees", N(m.Fees));
        yield return ("Funding", N(m.Funding));
        yield return ("Liquidations", m.Liquidations.ToString(CultureInfo.InvariantCulture));
        yield return ("Max margin used", P(m.MaxMarginUsed));
        yield return ("Time in market", P(m.TimeInMarket));
        yield return ("Exposure (notional / equity)", P(m.Exposure));
        yield return ("Rules", string.Join(", ", m.RuleCounts.Select(r => $"{r.Key} {r.Value}")));
    }

    private const string Script = """
        const LC = window.LightweightCharts;
        function chart(id) { return LC.createChart(document.getElementById(id), { autoSize: true, layout: { attributionLogo: false }, timeScale: { timeVisible: true } }); }
        if (!LC) { document.body.insertAdjacentHTML('beforeend', '<p>The chart library is missing next to this file.</p>'); } else {
          const price = chart('price');
          const colors = ['#2563eb', '#9333ea', '#ea580c', '#0f9f6e', '#db2777'];
          Object.entries(report.prices).forEach(([name, points], i) => {
            const line = price.addSeries(LC.LineSeries, { color: colors[i % colors.length], lineWidth: 2, title: name });
            line.setData(points.map(p => ({ time: p.t, value: p.p })));
            price.addSeries(LC.LineSeries, { color: '#9ca3af', lineWidth: 1, title: 'EMA50' }).setData(points.map(p => ({ time: p.t, value: p.e50 })));
            price.addSeries(LC.LineSeries, { color: '#6b7280', lineWidth: 1, lineStyle: 2, title: 'EMA200' }).setData(points.map(p => ({ time: p.t, value: p.e200 })));
            const symbol = name.split('-')[0];
            const markers = report.fills.filter(f => f.s === symbol).map(f => ({ time: f.t, position: f.exit ? 'aboveBar' : 'belowBar', color: f.liq === 'Liquidation' ? '#000' : f.exit ? '#dc2626' : '#0f9f6e', shape: f.exit ? 'arrowDown' : 'arrowUp' }));
            const seen = new Set(); const unique = markers.filter(m => !seen.has(m.time) && seen.add(m.time));
            if (LC.createSeriesMarkers) { LC.createSeriesMarkers(line, unique); }
          });
          const equity = chart('equity');
          equity.addSeries(LC.LineSeries, { color: '#2563eb', title: 'equity' }).setData(report.equity.map(p => ({ time: p.t, value: p.e })));
          equity.addSeries(LC.LineSeries, { color: '#0f9f6e', title: 'balance' }).setData(report.equity.map(p => ({ time: p.t, value: p.b })));
          chart('margin').addSeries(LC.AreaSeries, { lineColor: '#d97706', topColor: 'rgba(217,119,6,.3)', bottomColor: 'rgba(217,119,6,0)', title: 'margin / balance' })
            .setData(report.equity.map(p => ({ time: p.t, value: p.m })));
        }
        """;
}
