using System.Globalization;

namespace DipTrader.Trading.Martingale;

/// <summary>
/// Invariant number formatting for reasons and messages. The decimal forms are values an interpolated string
/// formats in place: a reason is written on every run, and a string per number was most of its cost.
/// </summary>
internal static class Text
{
    /// <summary>Up to 8 decimals, trailing zeros dropped: 0.5 → "0.5".</summary>
    public static DecimalText Number(decimal value) => new(value, DecimalText.Style.Up8);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Two decimals: 1.5 → "1.50".</summary>
    public static DecimalText Money(decimal value) => new(value, DecimalText.Style.Fixed2);

    /// <summary>A fraction as a percentage: 0.0123 → "1.23%".</summary>
    public static DecimalText Percent(decimal fraction) => new(fraction * 100, DecimalText.Style.PercentUp2);

    /// <summary>A value already in percent units: 7.5 → "7.5%".</summary>
    public static DecimalText PercentUnits(decimal percent) => new(percent, DecimalText.Style.PercentUp2);

    /// <summary>Two decimals, or "n/a" when undefined.</summary>
    public static DecimalText Level(decimal? level) => new(level, DecimalText.Style.Fixed2);
}

/// <summary>
/// A decimal as the custom formats "0.########", "0.00" and "0.##" print it (rounding half away from zero, no
/// sign on a value that rounds to zero), written straight into the destination. A null value reads "n/a".
/// </summary>
internal readonly struct DecimalText(decimal? value, DecimalText.Style style) : ISpanFormattable
{
    public enum Style
    {
        Up8,
        Fixed2,
        PercentUp2,
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (value is not { } number)
        {
            var copied = "n/a".TryCopyTo(destination);
            charsWritten = copied ? 3 : 0;
            return copied;
        }
        if (!TryFormatFixed(number, style == Style.Up8 ? 8 : 2, destination, out var written))
        {
            charsWritten = 0;
            return false;
        }
        if (style != Style.Fixed2)
        {
            // "F" always writes the decimal point here: drop the zeros after it, then the point itself.
            while (destination[written - 1] == '0')
            {
                written--;
            }
            if (destination[written - 1] == '.')
            {
                written--;
            }
        }
        if (style == Style.PercentUp2)
        {
            if (written == destination.Length)
            {
                charsWritten = 0;
                return false;
            }
            destination[written++] = '%';
        }
        charsWritten = written;
        return true;
    }

    /// <summary>
    /// What <c>number.TryFormat(destination, out written, "F8" or "F2", invariant)</c> writes: rounded half away from
    /// zero, no sign on a value that rounds to zero. Values of up to 19 digits once scaled to the decimals (every price,
    /// EMA, level and ratio of a decision) are written from their integer digits, several times faster than the
    /// framework's general path, which every larger value still takes.
    /// </summary>
    private static bool TryFormatFixed(decimal number, int decimals, Span<char> destination, out int written)
    {
        var rounded = number.Scale > decimals ? decimal.Round(number, decimals, MidpointRounding.AwayFromZero) : number;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rounded, bits);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var fits = bits[2] == 0;
        for (var scale = (int)rounded.Scale; fits && scale < decimals; scale++)
        {
            fits = mantissa <= ulong.MaxValue / 10;
            mantissa *= 10;
        }
        if (!fits)
        {
            return number.TryFormat(destination, out written, decimals == 8 ? "F8" : "F2", CultureInfo.InvariantCulture);
        }
        // mantissa = |rounded| × 10^decimals: its digits with the point put in, "0" before the point when it has fewer.
        Span<char> digits = stackalloc char[20];
        mantissa.TryFormat(digits, out var count, default, CultureInfo.InvariantCulture);
        var negative = bits[3] < 0 && mantissa != 0;
        var integerDigits = count - decimals;
        if ((negative ? 1 : 0) + Math.Max(integerDigits, 1) + 1 + decimals > destination.Length)
        {
            written = 0;
            return false;
        }
        var at = 0;
        if (negative)
        {
            destination[at++] = '-';
        }
        if (integerDigits > 0)
        {
            digits[..integerDigits].CopyTo(destination[at..]);
            at += integerDigits;
        }
        else
        {
            destination[at++] = '0';
        }
        destination[at++] = '.';
        for (var zero = integerDigits; zero < 0; zero++)
        {
            destination[at++] = '0';
        }
        var fraction = digits[Math.Max(integerDigits, 0)..count];
        fraction.CopyTo(destination[at..]);
        written = at + fraction.Length;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var written, default, null) ? new string(buffer[..written]) : throw new InvalidOperationException("A decimal needs more than 64 characters.");
    }
}
