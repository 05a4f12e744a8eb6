namespace DipTrader.Trading.Market;

/// <summary>One read of the account: the balance and every position row.</summary>
public sealed record AccountSnapshot(decimal Balance, IReadOnlyList<Position> Positions)
{
    /// <summary>The pair's position: the first open row with its symbol and side.</summary>
    public Position? FindOpen(string symbol, PositionSide side)
    {
        foreach (var position in Positions)
        {
            if (position.IsOpen && position.Side == side && string.Equals(position.Symbol, symbol, StringComparison.Ordinal))
            {
                return position;
            }
        }
        return null;
    }
}
