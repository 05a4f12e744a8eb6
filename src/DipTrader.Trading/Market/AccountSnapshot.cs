namespace DipTrader.Trading.Market;

/// <summary>One read of the account: the balance and every position row.</summary>
public sealed record AccountSnapshot(decimal Balance, IReadOnlyList<Position> Positions)
{
    /// <summary>The pair's position: the first open row with its symbol and side.</summary>
    public Position? FindOpen(string symbol, PositionSide side)
    {
        // Indexed, not foreach: an enumerator over the interface is an allocation per call, and this runs per pair per run.
        for (var i = 0; i < Positions.Count; i++)
        {
            var position = Positions[i];
            if (position.IsOpen && position.Side == side && string.Equals(position.Symbol, symbol, StringComparison.Ordinal))
            {
                return position;
            }
        }
        return null;
    }
}
