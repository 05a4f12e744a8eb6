using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// Everything a paper account is, in a form that serialises (<see cref="PaperAccountJson"/>), so a paper
/// bot survives restarts. A <see cref="PaperAccount"/> takes ownership of the state it is given and
/// changes it in place; read it only through the account.
/// </summary>
public sealed class PaperAccountState
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public decimal InitialBalance { get; set; }

    /// <summary>Wallet balance in USDT: realised PnL, fees, funding and liquidations included; unrealised PnL not.</summary>
    public decimal Balance { get; set; }

    /// <summary>Every fee paid, a positive sum.</summary>
    public decimal FeesPaid { get; set; }

    /// <summary>Funding received minus funding paid.</summary>
    public decimal NetFunding { get; set; }

    /// <summary>The last exchange order id handed out.</summary>
    public long OrderSequence { get; set; }

    /// <summary>Every symbol the account has touched, in the order it first did.</summary>
    public List<PaperSymbolState> Symbols { get; set; } = [];

    /// <summary>Open orders and closed ones still within retention, in the order they were placed.</summary>
    public List<PaperOrderState> Orders { get; set; } = [];

    public List<PaperFill> Fills { get; set; } = [];

    public List<PaperLiquidation> Liquidations { get; set; } = [];

    public static PaperAccountState New(decimal initialBalance) => new() { InitialBalance = initialBalance, Balance = initialBalance };
}

/// <summary>One symbol: the Long and Short positions, their leverage, the mark and how far candles have been processed.</summary>
public sealed class PaperSymbolState
{
    public required string Symbol { get; set; }

    public int LongLeverage { get; set; }

    public int ShortLeverage { get; set; }

    public PaperPositionState Long { get; set; } = new();

    public PaperPositionState Short { get; set; } = new();

    /// <summary>Close of the latest 1-minute candle seen; 0 before any.</summary>
    public decimal MarkPrice { get; set; }

    /// <summary>Unix seconds at which the mark's candle closed.</summary>
    public long MarkTime { get; set; }

    /// <summary>Unix seconds: every 1-minute candle that opened before this has been processed (the last sync).</summary>
    public long SyncedThrough { get; set; }

    /// <summary>Unix seconds of the next 8-hourly funding not yet applied.</summary>
    public long NextFundingTime { get; set; }
}

/// <summary>One side of a hedged position. The entry price is <see cref="EntryValue"/> / <see cref="Size"/>.</summary>
public sealed class PaperPositionState
{
    public decimal Size { get; set; }

    /// <summary>The entry notional: Σ quantity × price of what is still open, so averaging stays exact.</summary>
    public decimal EntryValue { get; set; }
}

/// <summary>One order, open or closed.</summary>
public sealed class PaperOrderState
{
    public required string Symbol { get; set; }

    public required string ClientOrderId { get; set; }

    public required string ExchangeOrderId { get; set; }

    public OrderSide Side { get; set; }

    public PositionSide PositionSide { get; set; }

    public decimal Quantity { get; set; }

    public decimal Price { get; set; }

    public TimeInForce TimeInForce { get; set; }

    public bool ReduceOnly { get; set; }

    public OrderStatus Status { get; set; }

    public decimal FilledQuantity { get; set; }

    public decimal? AveragePrice { get; set; }

    public decimal Fee { get; set; }

    public decimal RealisedPnl { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    internal bool IsOpen => Status is OrderStatus.New or OrderStatus.PartiallyFilled;

    /// <summary>Whether the order closes (part of) its position: in hedged mode the exit side always does.</summary>
    internal bool Closes => Side == PositionSide.ExitSide();

    /// <summary>The first candle that may fill a resting order is the first to open at or after its placement.</summary>
    internal long FillableFrom
    {
        get
        {
            var seconds = PlacedAt.ToUnixTimeSeconds();
            return PlacedAt.UtcTicks % TimeSpan.TicksPerSecond == 0 ? seconds : seconds + 1;
        }
    }

    internal void Close(OrderStatus status, DateTimeOffset time, string? text = null)
    {
        Status = status;
        ClosedAt = time;
        Text = text ?? Text;
    }

    internal OrderInfo ToInfo() => new()
    {
        Symbol = Symbol,
        ClientOrderId = ClientOrderId,
        ExchangeOrderId = ExchangeOrderId,
        Side = Side,
        PositionSide = PositionSide,
        Quantity = Quantity,
        Price = Price,
        Status = Status,
        ReduceOnly = ReduceOnly,
        FilledQuantity = FilledQuantity,
        AveragePrice = AveragePrice,
        Fee = Fee,
        RealisedPnl = RealisedPnl,
        Text = Text,
    };
}
