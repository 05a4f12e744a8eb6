namespace DipTrader.Data.Entities;

/// <summary>
/// One pair run: the figures the decision was made from and the decision (<c>execution_metrics</c>,
/// predecessor migration 002, read by <c>/api/bots/{id}/metrics</c>).
/// </summary>
public sealed class ExecutionMetric
{
    public int Id { get; set; }
    public int BotId { get; set; }
    public required string Symbol { get; set; }
    public DateTime ExecutedAt { get; set; }
    public decimal? TotalBalance { get; set; }
    public decimal? PositionSize { get; set; }

    /// <summary>The position margin (the predecessor called it "value").</summary>
    public decimal? PositionValue { get; set; }

    public decimal? UnrealizedPnl { get; set; }

    /// <summary>uPnL / position margin (DECIMAL(10,4)).</summary>
    public decimal? UnrealizedPnlPct { get; set; }

    /// <summary>DECIMAL(10,4); clamped when it would not fit.</summary>
    public decimal? MarginLevel { get; set; }

    public decimal? EntryPrice { get; set; }
    public decimal? CurrentPrice { get; set; }
    public int? Leverage { get; set; }
    public string? Side { get; set; }

    /// <summary><c>managed</c>, <c>skipped</c> or <c>error</c>, as the predecessor wrote.</summary>
    public required string Action { get; set; }

    public string? Conclusion { get; set; }
    public decimal? Ema200 { get; set; }
    public decimal? Ema50 { get; set; }
    public int? ExecutionTimeMs { get; set; }
    public DateTime? CreatedAt { get; set; }

    // DipTrader's additions.
    public long? RunId { get; set; }
    public int? TradingPairId { get; set; }

    /// <summary>The rule that fired: W, P2…P8, N1…N5, T1…T4, CAP; null on error.</summary>
    public string? Rule { get; set; }

    /// <summary>The decision's action: Hold, Open, Add, Reduce, Close; null on error.</summary>
    public string? Decision { get; set; }

    public decimal? Ema100H1 { get; set; }

    /// <summary>JSON of every input and derived value (the explain output).</summary>
    public string? Details { get; set; }
}
