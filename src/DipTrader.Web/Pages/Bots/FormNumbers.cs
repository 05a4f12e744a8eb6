using System.Globalization;

namespace DipTrader.Web.Pages.Bots;

/// <summary>Reads whole numbers typed in forms, invariant.</summary>
public static class FormNumbers
{
    /// <summary>
    /// Blank is null (the service's default); text that is not a whole number becomes <see cref="int.MinValue"/>, which
    /// every service rule refuses with its own message — so a typo is a field error, never a silent default.
    /// </summary>
    public static int? WholeOrInvalid(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : int.MinValue;
    }

    /// <summary>A page number from the query string: 1 when missing or out of range.</summary>
    public static int PageNumber(int? requested) => requested is > 0 and < 100_000 ? requested.Value : 1;
}
