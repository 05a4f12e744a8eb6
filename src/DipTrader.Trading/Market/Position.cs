namespace DipTrader.Trading.Market;

/// <summary>One hedged position row as the exchange reports it.</summary>
/// <param name="Size">Contracts (base coin); 0 for a flat side.</param>
/// <param name="PositionMargin">The margin assigned to the position (Phemex <c>assignedPosBalanceRv</c>).</param>
/// <param name="MaintenanceMarginRate">Phemex <c>maintMarginReqRr</c>, a fraction.</param>
/// <param name="Leverage">The exchange's leverage for this side, when it reports one.</param>
/// <param name="MarginMode">The side's margin mode, when the exchange reports one.</param>
public sealed record Position(
    string Symbol,
    PositionSide Side,
    decimal Size,
    decimal EntryPrice,
    decimal MarkPrice,
    decimal PositionMargin,
    decimal UnrealisedPnl,
    decimal MaintenanceMarginRate,
    decimal? Leverage = null,
    MarginMode? MarginMode = null)
{
    // The sign read from the bits: a decimal comparison is a call, and this is asked of every row of every snapshot.
    public bool IsOpen => decimal.Sign(Size) > 0;
}
