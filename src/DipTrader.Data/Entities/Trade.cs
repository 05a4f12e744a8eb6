namespace DipTrader.Data.Entities;

/// <summary>An order a bot placed, and its fill when known (<c>trades</c>; the predecessor never wrote it).</summary>
public sealed class Trade
{
    public int Id { get; set; }
    public int? BotId { get; set; }
    public int? TradingPairId { get; set; }
    public required string Symbol { get; set; }

    /// <summary>The decision's action: Open, Add, Reduce or Close.</summary>
    public required string Action { get; set; }

    /// <summary>The order side: Buy or Sell.</summary>
    public required string Side { get; set; }

    public decimal? Quantity { get; set; }
    public decimal? Price { get; set; }

    /// <summary>Realised PnL of the fill, when known.</summary>
    public decimal? Pnl { get; set; }

    public decimal? BalanceAfter { get; set; }
    public DateTime? ExecutedAt { get; set; }

    /// <summary>JSON with the decision's rule and reason.</summary>
    public string? Details { get; set; }

    // DipTrader's additions.
    public string? PositionSide { get; set; }
    public string? ClientOrderId { get; set; }
    public string? ExchangeOrderId { get; set; }
    public long? RunId { get; set; }
    public string? Rule { get; set; }

    /// <summary>New, PartiallyFilled, Filled, Canceled, Rejected.</summary>
    public string? Status { get; set; }

    public decimal? FilledQuantity { get; set; }
    public decimal? FillPrice { get; set; }
    public decimal? Fee { get; set; }
    public bool ReduceOnly { get; set; }
    public bool PostOnly { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
