namespace DipTrader.Trading.Market;

/// <summary>Best bid and ask, already on the tick grid.</summary>
public sealed record Quote(decimal Bid, decimal Ask)
{
    /// <summary>The price a position on <paramref name="side"/> enters at: the maker side of the book.</summary>
    public decimal EntryPrice(PositionSide side) => side == PositionSide.Long ? Bid : Ask;

    /// <summary>The price a position on <paramref name="side"/> exits at: the maker side of the book.</summary>
    public decimal ExitPrice(PositionSide side) => side == PositionSide.Long ? Ask : Bid;
}
