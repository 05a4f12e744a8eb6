namespace DipTrader.Trading.Market;

/// <summary>The side of a hedged position.</summary>
public enum PositionSide
{
    Long,
    Short,
}

/// <summary>The side of an order.</summary>
public enum OrderSide
{
    Buy,
    Sell,
}

public static class SideExtensions
{
    /// <summary>The order side that grows a position on this side.</summary>
    public static OrderSide EntrySide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;

    /// <summary>The order side that shrinks a position on this side.</summary>
    public static OrderSide ExitSide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>Parses "Long"/"Short" exactly as the predecessor wrote them (case-sensitive).</summary>
    public static bool TryParsePositionSide(string? text, out PositionSide side)
    {
        switch (text)
        {
            case "Long":
                side = PositionSide.Long;
                return true;
            case "Short":
                side = PositionSide.Short;
                return true;
            default:
                side = default;
                return false;
        }
    }
}
