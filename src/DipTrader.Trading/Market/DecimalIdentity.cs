using System.Runtime.CompilerServices;

namespace DipTrader.Trading.Market;

/// <summary>
/// Whether a figure kept from before may stand for a new one: tested on the decimals' 16 bytes first, which is a
/// couple of loads where the decimal comparison is a call; most figures of a replay are unchanged from run to run.
/// </summary>
public static class DecimalIdentity
{
    /// <summary>The same bits (value, scale and sign): any arithmetic on one gives what it gives on the other.</summary>
    public static bool SameBits(decimal a, decimal b) =>
        Unsafe.ReadUnaligned<UInt128>(ref Unsafe.As<decimal, byte>(ref a)) == Unsafe.ReadUnaligned<UInt128>(ref Unsafe.As<decimal, byte>(ref b));

    /// <summary>Equal in value (1.0 and 1.00 alike), as <c>a == b</c>.</summary>
    public static bool SameValue(decimal a, decimal b) => SameBits(a, b) || a == b;

    /// <summary>Equal in value and in scale, so one prints exactly as the other (0 and −0 alike).</summary>
    public static bool SameValueAndScale(decimal a, decimal b) => SameBits(a, b) || (a == b && a.Scale == b.Scale);
}
