using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Market;

/// <summary>The memo answers exactly what dividing gives, bit for bit, whatever the order and repetition of its inputs.</summary>
public sealed class QuotientMemoTests
{
    private static readonly decimal[] Values =
    [
        0m, 0.00m, decimal.Negate(0.0m), 1m, 1.0m, 1.00m, -1m, 3m, 3.0m, 0.5m, 0.50m, 7m, 10000m, 9876.54321m,
        0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue, 1m / 3,
    ];

    [Fact]
    public void Every_quotient_has_the_bits_of_the_division()
    {
        var memo = new QuotientMemo();
        // Each pair twice in a row (the memo answers the second) and after every other pair (it divides again).
        foreach (var dividend in Values)
        {
            foreach (var divisor in Values.Where(d => d != 0))
            {
                for (var repeat = 0; repeat < 2; repeat++)
                {
                    if (Divide(dividend, divisor) is { } quotient)
                    {
                        Assert.Equal(decimal.GetBits(quotient), decimal.GetBits(memo.Divide(dividend, divisor)));
                    }
                    else
                    {
                        Assert.Throws<OverflowException>(() => memo.Divide(dividend, divisor));
                    }
                }
            }
        }
    }

    [Fact]
    public void Equal_values_of_another_scale_are_divided_anew()
    {
        var memo = new QuotientMemo();

        Assert.Equal(decimal.GetBits(1.0m / 3m), decimal.GetBits(memo.Divide(1.0m, 3m)));
        Assert.Equal(decimal.GetBits(1.00m / 3.0m), decimal.GetBits(memo.Divide(1.00m, 3.0m)));
        Assert.Equal(decimal.GetBits(0.50m / 1.0m), decimal.GetBits(memo.Divide(0.50m, 1.0m)));
        Assert.Equal(decimal.GetBits(0.5m / 1m), decimal.GetBits(memo.Divide(0.5m, 1m)));
    }

    [Fact]
    public void Division_by_zero_still_throws()
    {
        var memo = new QuotientMemo();
        Assert.Throws<DivideByZeroException>(() => memo.Divide(1m, 0m));
        Assert.Throws<DivideByZeroException>(() => memo.Divide(1m, 0.00m));
    }

    /// <returns>Null when the quotient is too large for a decimal.</returns>
    private static decimal? Divide(decimal dividend, decimal divisor)
    {
        try
        {
            return dividend / divisor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
