using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Market;

/// <summary>The byte-wise tests agree with the decimal ones they stand in for, on every pair of a set of awkward values.</summary>
public sealed class DecimalIdentityTests
{
    private static readonly decimal[] Values =
    [
        0m, -0m, 0.0m, -0.00m, 1m, 1.0m, 1.00m, -1m, -1.0m, 100.5m, 100.50m, 0.1m, 0.10m,
        decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m,
        79228162514264337593543950335m / 3, 1m / 3, 2m / 3, 123456789.123456789m, 4294967296m, 18446744073709551616m,
    ];

    [Fact]
    public void Same_bits_is_equal_get_bits()
    {
        foreach (var a in Values)
        {
            foreach (var b in Values)
            {
                Assert.Equal(decimal.GetBits(a).SequenceEqual(decimal.GetBits(b)), DecimalIdentity.SameBits(a, b));
            }
        }
    }

    [Fact]
    public void Same_value_is_equality()
    {
        foreach (var a in Values)
        {
            foreach (var b in Values)
            {
                Assert.Equal(a == b, DecimalIdentity.SameValue(a, b));
            }
        }
    }

    [Fact]
    public void The_sign_of_a_decimal_tells_whether_it_is_above_zero()
    {
        foreach (var a in Values)
        {
            Assert.Equal(a > 0, decimal.Sign(a) > 0);
            Assert.Equal(a > 0, new DipTrader.Trading.Market.Position("X", PositionSide.Long, a, 1m, 1m, 1m, 0m, 0.01m).IsOpen);
        }
    }

    [Fact]
    public void Same_value_and_scale_is_equality_with_equal_scales()
    {
        foreach (var a in Values)
        {
            foreach (var b in Values)
            {
                Assert.Equal(a == b && a.Scale == b.Scale, DecimalIdentity.SameValueAndScale(a, b));
            }
        }
    }

    [Fact]
    public void Zeros_of_either_sign_are_the_same_value_but_not_the_same_bits()
    {
        var negativeZero = decimal.Negate(0.00m);

        Assert.True(DecimalIdentity.SameValueAndScale(0.00m, negativeZero));
        Assert.False(DecimalIdentity.SameBits(0.00m, negativeZero));
        Assert.False(DecimalIdentity.SameValueAndScale(0.0m, negativeZero));
    }
}
