namespace DipTrader.Trading.Market;

/// <summary>How a position's margin is held: shared with the whole balance, or set aside for the position alone.</summary>
public enum MarginMode
{
    /// <summary>The whole available balance backs the position (Phemex's default for USDT perpetuals).</summary>
    Cross,

    /// <summary>Only the margin assigned to the position backs it.</summary>
    Isolated,
}
