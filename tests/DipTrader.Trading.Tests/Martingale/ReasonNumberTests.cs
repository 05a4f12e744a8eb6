using System.Globalization;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Tests.Martingale;

/// <summary>
/// Numbers in reasons read as they always did ("0.########", "0.00", "0.##" with a percent sign), though they are
/// now formatted in place: a trader comparing runs, and the golden backtests, see the same text.
/// </summary>
public sealed class ReasonNumberTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static TheoryData<decimal> Edges =>
    [
        0m, -0m, new decimal(0, 0, 0, true, 3), 1.50m, 100m, 2.5m, 0.005m, -0.005m, 0.015m, 1.005m, -1.005m,
        0.000000005m, -0.000000005m, -0.0000000001m, 123456789.123456785m, 0.0000000000000000000000000001m,
        decimal.MaxValue, decimal.MinValue, 64_999.99999999499m, -0.994999m, 0.995m,
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_values_read_as_the_custom_formats_print_them(decimal value) => AssertSameAsCustomFormats(value);

    [Fact]
    public void Random_values_of_every_scale_and_sign_read_as_the_custom_formats_print_them()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 20_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(2) == 0, (byte)random.Next(29));
            AssertSameAsCustomFormats(value);
        }
    }

    [Fact]
    public void Random_values_of_up_to_nineteen_digits_read_as_the_custom_formats_print_them()
    {
        // Prices, EMAs, levels and ratios: small mantissas, which are formatted from their integer digits.
        var random = new Random(20261130);
        for (var i = 0; i < 20_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(3) == 0 ? random.Next(1 << 20) : 0, 0, random.Next(2) == 0, (byte)random.Next(29));
            AssertSameAsCustomFormats(value);
        }
    }

    [Fact]
    public void An_undefined_level_reads_n_a_and_numbers_interpolate_without_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        // A culture with a decimal comma (built by hand: the tests run in globalization-invariant mode).
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("n/a", Text.Level(null).ToString());
            Assert.Equal("level 1.25, 7.5%, 1234.5", $"level {Text.Level(1.245m)}, {Text.Percent(0.075m)}, {Text.Number(1234.5m)}");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void AssertSameAsCustomFormats(decimal value)
    {
        Assert.Equal(value.ToString("0.########", Invariant), Text.Number(value).ToString());
        Assert.Equal(value.ToString("0.00", Invariant), Text.Money(value).ToString());
        Assert.Equal(value.ToString("0.00", Invariant), Text.Level(value).ToString());
        Assert.Equal(value.ToString("0.##", Invariant) + "%", Text.PercentUnits(value).ToString());
        if (Math.Abs(value) < decimal.MaxValue / 100)
        {
            Assert.Equal((value * 100).ToString("0.##", Invariant) + "%", Text.Percent(value).ToString());
        }
        Assert.Equal("x" + value.ToString("0.########", Invariant) + "y", $"x{Text.Number(value)}y");
    }
}
