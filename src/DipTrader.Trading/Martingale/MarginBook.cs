using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>
/// The per-symbol margin cap and tapering (predecessor §5.1, §5.3, corrections 8 and semantics 7): every
/// open row of the account plus the pair's own symbol counts as active; a symbol's margin is the sum of all
/// its rows, Long and Short.
/// </summary>
internal sealed class MarginBook
{
    private MarginBook(decimal symbolMargin, int activeSymbols, decimal cap)
    {
        SymbolMargin = symbolMargin;
        ActiveSymbols = activeSymbols;
        Cap = cap;
    }

    public decimal SymbolMargin { get; }

    public int ActiveSymbols { get; }

    /// <summary>This symbol's cap as a fraction of balance.</summary>
    public decimal Cap { get; }

    public static MarginBook For(AccountSnapshot account, string symbol, decimal maxMargin)
    {
        // A few rows per account: counting distinct symbols by looking back is cheaper than a set per decision.
        var rows = account.Positions;
        var active = 1;
        var margin = 0m;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsOpen && !string.Equals(row.Symbol, symbol, StringComparison.Ordinal) && !OpenBefore(rows, i, row.Symbol))
            {
                active++;
            }
            if (string.Equals(row.Symbol, symbol, StringComparison.Ordinal))
            {
                margin += row.PositionMargin;
            }
        }
        return new MarginBook(margin, active, Caps.Divide(maxMargin, active));
    }

    // The same max_margin over the same count, decision after decision.
    private static readonly QuotientMemo Caps = new();

    private static bool OpenBefore(IReadOnlyList<Position> rows, int index, string symbol)
    {
        for (var i = 0; i < index; i++)
        {
            if (rows[i].IsOpen && string.Equals(rows[i].Symbol, symbol, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>1 below taper_start × cap, falling linearly to 0 at the cap.</summary>
    public decimal TaperFactor(decimal balance, decimal taperStart)
    {
        var current = SymbolMargin / balance;
        var start = taperStart * Cap;
        if (current < start)
        {
            return 1m;
        }
        return current < Cap ? (Cap - current) / (Cap - start) : 0m;
    }

    /// <summary>The symbol's margin / balance if an order needing <paramref name="requiredMargin"/> filled.</summary>
    public decimal UsageWith(decimal requiredMargin, decimal balance) => (SymbolMargin + requiredMargin) / balance;
}
