using System.Globalization;
using DipTrader.Data.Entities;

namespace DipTrader.Web.Pages.Bots;

/// <summary>How the bot pages word intervals, leverage, statuses and levels (invariant culture, UTC).</summary>
public static class BotFormat
{
    public static string Interval(int minutes) => minutes switch
    {
        1 => "1 minute",
        < 60 => $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes",
        60 => "1 hour",
        < 1440 when minutes % 60 == 0 => $"{(minutes / 60).ToString(CultureInfo.InvariantCulture)} hours",
        1440 => "1 day",
        _ => $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes",
    };

    public static bool IsPaper(string exchange) => exchange == Data.Entities.Exchanges.Paper;

    public static string Leverage(int leverage) => leverage.ToString(CultureInfo.InvariantCulture) + "x";

    public static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>The CSS class of a status badge (site.css styles running, stopped, error).</summary>
    public static string StatusClass(string status) => status switch
    {
        BotStatus.Running => "running",
        BotStatus.Error => "error",
        _ => "stopped",
    };

    /// <summary>The CSS class of a log level badge (info, warning, error).</summary>
    public static string LevelClass(string level) => level.ToUpperInvariant() switch
    {
        LogLevels.Error => "error",
        LogLevels.Warning => "warning",
        LogLevels.Info => "info",
        _ => string.Empty,
    };

    /// <summary>The CSS class of an order status.</summary>
    public static string OrderStatusClass(string? status) => status switch
    {
        "Filled" => "ok",
        "PartiallyFilled" or "New" => "warning",
        "Rejected" or "Canceled" => "error",
        _ => string.Empty,
    };

    /// <summary>Margin level with its danger class: below 1.5 liquidation risk, below 2.0 warning.</summary>
    public static string LevelCss(decimal? level) => level switch
    {
        < 1.5m => "negative",
        < 2.0m => "warn-text",
        _ => string.Empty,
    };

    /// <summary>Time with seconds, for run and log rows.</summary>
    public static string Seconds(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
}
