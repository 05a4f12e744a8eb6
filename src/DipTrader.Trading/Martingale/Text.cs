using System.Globalization;

namespace DipTrader.Trading.Martingale;

/// <summary>Invariant number formatting for reasons and messages.</summary>
internal static class Text
{
    public static string Number(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage: 0.0123 → "1.23%".</summary>
    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A value already in percent units: 7.5 → "7.5%".</summary>
    public static string PercentUnits(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Level(decimal? level) => level is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
