using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>An order booked by the fake. <see cref="Status"/> uses Phemex's names (New, Filled, Canceled, …).</summary>
public sealed record FakeOrder(
    string OrderId,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    PositionSide PositionSide,
    decimal Quantity,
    decimal Price,
    string TimeInForce,
    bool ReduceOnly,
    string Status,
    DateTimeOffset CreatedAt)
{
    public decimal FilledQuantity { get; init; }

    public decimal FilledValue { get; init; }

    public decimal Fee { get; init; }

    public decimal ClosedPnl { get; init; }

    /// <summary>Why it was cancelled, e.g. CE_WILLCROSS for a post-only order that would have crossed.</summary>
    public string? Text { get; init; }

    public bool IsResting => Status is "New" or "PartiallyFilled";

    /// <summary>Grows the position (Buy Long, Sell Short) rather than shrinking it.</summary>
    public bool Opens => Side == PositionSide.EntrySide();
}

/// <summary>One side of a hedged position.</summary>
public sealed record FakePosition(string Symbol, PositionSide Side, decimal Size, decimal EntryPrice);
