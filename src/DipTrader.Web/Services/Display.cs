using System.Globalization;

namespace DipTrader.Web.Services;

/// <summary>How pages print times and numbers: UTC, invariant, trailing zeros dropped.</summary>
public static class Display
{
    public static string? Time(DateTime? utc) => utc is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : null;

    public static string Number(decimal? value) => value is { } v ? (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "—";

    public static string Money(decimal? value) => value is { } v ? v.ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    public static string Percent(decimal? fraction) => fraction is { } f ? (f * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Level(decimal? level) => level is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Signed(decimal? value) => value is { } v ? (v >= 0 ? "+" : "") + v.ToString("#,0.00", CultureInfo.InvariantCulture) : "—";

    public static string Css(decimal? value) => value is > 0 ? "positive" : value is < 0 ? "negative" : "";
}
