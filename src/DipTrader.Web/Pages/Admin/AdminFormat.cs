using System.Globalization;
using DipTrader.Web.Services;

namespace DipTrader.Web.Pages.Admin;

/// <summary>How the admin pages print durations, heartbeats and pagers' links.</summary>
internal static class AdminFormat
{
    /// <summary>The highest page number a pager accepts (beyond it the offset would overflow).</summary>
    public const int MaxPage = 100_000;

    public static string Duration(TimeSpan value) => value.TotalSeconds switch
    {
        < 1 => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms",
        < 120 => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => value.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min",
    };

    public static string Duration(int? milliseconds) => milliseconds is { } ms ? Duration(TimeSpan.FromMilliseconds(ms)) : "—";

    public static string Heartbeat(DateTimeOffset? beat, DateTimeOffset now) => beat is { } b
        ? Display.Time(b.UtcDateTime) + " (" + Duration(now - b) + " ago)"
        : "none yet";

    public static int Clamp(int page) => Math.Clamp(page, 1, MaxPage);
}
