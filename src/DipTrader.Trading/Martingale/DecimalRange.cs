using System.Globalization;

namespace DipTrader.Trading.Martingale;

/// <summary>An allowed range of a numeric setting, with the wording used in error messages.</summary>
internal sealed record DecimalRange(decimal Min, bool MinInclusive, decimal Max, bool MaxInclusive)
{
    public static DecimalRange Inclusive(decimal min, decimal max) => new(min, true, max, true);

    public static DecimalRange AboveUpTo(decimal min, decimal max) => new(min, false, max, true);

    public static DecimalRange FromBelow(decimal min, decimal max) => new(min, true, max, false);

    public static DecimalRange Open(decimal min, decimal max) => new(min, false, max, false);

    public bool Contains(decimal value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    public string Describe()
    {
        var low = MinInclusive ? $"at least {Format(Min)}" : $"greater than {Format(Min)}";
        var high = MaxInclusive ? $"at most {Format(Max)}" : $"less than {Format(Max)}";
        return $"a number {low} and {high}";
    }

    public string Notation() => $"{(MinInclusive ? '[' : '(')}{Format(Min)}, {Format(Max)}{(MaxInclusive ? ']' : ')')}";

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
