using System.Globalization;
using DipTrader.Bots.Backtesting;
using DipTrader.Web.Services;
using DipTrader.Web.Services.Backtests;

namespace DipTrader.Web.Pages.Backtests;

/// <summary>How the backtest pages word statuses, periods, candle sources and the report's figures (invariant, UTC).</summary>
public static class BacktestFormat
{
    /// <summary>The CSS class of a status badge (site.css styles running, ok, stopped, failed).</summary>
    public static string StatusClass(string status) => status switch
    {
        BacktestStatus.Running => "running",
        BacktestStatus.Done => "ok",
        BacktestStatus.Failed => "failed",
        _ => "stopped",
    };

    public static string StatusText(string status, int progress) => status switch
    {
        BacktestStatus.Queued => "queued",
        BacktestStatus.Running => string.Create(CultureInfo.InvariantCulture, $"running {progress}%"),
        _ => status,
    };

    public static string Pair(BacktestSpec? spec) =>
        spec is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{spec.Symbol} {spec.Side} {spec.Leverage}x");

    public static string Period(BacktestSpec? spec) => spec switch
    {
        null => "—",
        { From: { } from, To: { } to } => $"{Day(from)} – {Day(to)}",
        { From: { } from } => $"{Day(from)} – end of file",
        { To: { } to } => $"start of file – {Day(to)}",
        _ => "the whole file",
    };

    public static string Candles(BacktestSpec? spec) => spec switch
    {
        null => "—",
        { IsDemo: true } => string.Create(CultureInfo.InvariantCulture, $"demo data, seed {spec.Seed}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{spec.CsvName} ({spec.CsvCandles:N0} candles)"),
    };

    /// <summary>A rate as a percentage with enough digits for fees (0.0001 → 0.01%).</summary>
    public static string Rate(decimal rate) => (rate * 100).ToString("0.#####", CultureInfo.InvariantCulture) + "%";

    public static string Whole(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The metrics table: label, value, and a CSS class for signed figures.</summary>
    public static IEnumerable<(string Label, string Value, string Css)> Metrics(BacktestMetrics m)
    {
        yield return ("Period", $"{Time(m.From)} – {Time(m.To)} UTC", "");
        yield return ("Runs", Whole(m.Runs), "");
        yield return ("Start balance", Display.Money(m.StartBalance) + " USDT", "");
        yield return ("End balance", Display.Money(m.EndBalance) + " USDT", "");
        yield return ("End equity", Display.Money(m.EndEquity) + " USDT", "");
        yield return ("Return", Signed(m.Return), Display.Css(m.Return));
        yield return ("Max drawdown", Display.Percent(m.MaxDrawdown), m.MaxDrawdown > 0 ? "negative" : "");
        yield return ("Fills", Whole(m.Trades), "");
        yield return ("Win rate (exits)", $"{Display.Percent(m.WinRate)} ({Whole(m.WinningExits)} won, {Whole(m.LosingExits)} lost)", "");
        yield return ("Fees", Display.Money(m.Fees) + " USDT", "");
        yield return ("Funding (received − paid)", Display.Signed(m.Funding) + " USDT", Display.Css(m.Funding));
        yield return ("Liquidations", Whole(m.Liquidations), m.Liquidations > 0 ? "negative" : "");
        yield return ("Max margin used", Display.Percent(m.MaxMarginUsed) + " of balance", "");
        yield return ("Time in market", Display.Percent(m.TimeInMarket), "");
        yield return ("Exposure", Display.Percent(m.Exposure) + " of equity (average notional)", "");
        yield return ("Rules fired", m.RuleCounts.Count == 0 ? "—" : string.Join(", ", m.RuleCounts.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {Whole(r.Value)}")), "");
    }

    private static string Signed(decimal fraction) => (fraction >= 0 ? "+" : "") + Display.Percent(fraction);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
