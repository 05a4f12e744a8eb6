using DipTrader.Trading.Market;

namespace DipTrader.Exchanges;

public enum TimeInForce
{
    GoodTillCancel,
    PostOnly,
    ImmediateOrCancel,
}

public enum OrderStatus
{
    /// <summary>Accepted and resting (or not yet known to be filled).</summary>
    New,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
}

/// <summary>A limit order to place. <see cref="ClientOrderId"/> is deterministic: the same intended order always carries the same id (≤ 40 characters).</summary>
public sealed record OrderRequest(
    string Symbol,
    string ClientOrderId,
    OrderSide Side,
    PositionSide PositionSide,
    decimal Quantity,
    decimal Price,
    TimeInForce TimeInForce,
    bool ReduceOnly);

/// <summary>An order as the venue reports it.</summary>
public sealed record OrderInfo
{
    public required string Symbol { get; init; }
    public required string ClientOrderId { get; init; }
    public string? ExchangeOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required PositionSide PositionSide { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal Price { get; init; }
    public required OrderStatus Status { get; init; }
    public bool ReduceOnly { get; init; }
    public decimal FilledQuantity { get; init; }

    /// <summary>Average fill price, when anything filled.</summary>
    public decimal? AveragePrice { get; init; }

    /// <summary>Fees paid on the fills so far, in USDT, when the venue reports them.</summary>
    public decimal? Fee { get; init; }

    /// <summary>PnL realised by the fills so far (reduce and close orders), when the venue reports it.</summary>
    public decimal? RealisedPnl { get; init; }

    /// <summary>Why the venue rejected or cancelled it, when it says.</summary>
    public string? Text { get; init; }
}
