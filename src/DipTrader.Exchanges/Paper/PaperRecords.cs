using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>How a fill happened.</summary>
public enum FillLiquidity
{
    /// <summary>A resting order filled when a later candle traded through its price.</summary>
    Maker,

    /// <summary>A crossing order filled at once at the quote.</summary>
    Taker,

    /// <summary>The venue closed the position at its liquidation price.</summary>
    Liquidation,
}

/// <summary>One fill of the paper account, for trade lists and reports.</summary>
/// <param name="RealisedPnl">PnL realised by this fill (0 when it opens or adds); for a liquidation, minus the margin lost.</param>
/// <param name="ClientOrderId">The order that filled; null for a liquidation.</param>
public sealed record PaperFill(
    DateTimeOffset Time,
    string Symbol,
    OrderSide Side,
    PositionSide PositionSide,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    decimal RealisedPnl,
    FillLiquidity Liquidity,
    bool ReduceOnly,
    string? ClientOrderId);

/// <summary>An isolated position the venue took over because its equity fell below maintenance margin.</summary>
/// <param name="MarginLost">The whole position margin, which is what an isolated liquidation costs.</param>
public sealed record PaperLiquidation(
    DateTimeOffset Time,
    string Symbol,
    PositionSide Side,
    decimal Size,
    decimal EntryPrice,
    decimal LiquidationPrice,
    decimal MarginLost);
