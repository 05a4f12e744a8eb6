namespace DipTrader.Trading.Market;

/// <summary>
/// The last quotient of a division made on every decision or replayed minute from figures that rarely change (position
/// margin over balance, max_margin over the active symbols), answered again while dividend and divisor are the same
/// bits: decimal division is deterministic, so it is the quotient dividing them would give.
/// </summary>
public sealed class QuotientMemo
{
    // One immutable entry, read once per call: concurrent decisions (live bots) may replace it, never tear it.
    private Entry? _last;

    public decimal Divide(decimal dividend, decimal divisor)
    {
        var last = _last;
        if (last is not null && DecimalIdentity.SameBits(last.Dividend, dividend) && DecimalIdentity.SameBits(last.Divisor, divisor))
        {
            return last.Quotient;
        }
        var quotient = dividend / divisor;
        _last = new Entry(dividend, divisor, quotient);
        return quotient;
    }

    private sealed record Entry(decimal Dividend, decimal Divisor, decimal Quotient);
}
