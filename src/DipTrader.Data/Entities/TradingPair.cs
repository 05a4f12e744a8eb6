namespace DipTrader.Data.Entities;

/// <summary>One symbol and side a bot trades (<c>trading_pairs</c>).</summary>
public sealed class TradingPair
{
    public int Id { get; set; }
    public int? BotId { get; set; }
    public required string Symbol { get; set; }

    /// <summary><c>Long</c> or <c>Short</c>.</summary>
    public required string Side { get; set; }

    public int Leverage { get; set; } = 10;
    public int EmaInterval { get; set; } = 1;
    public bool AutomaticMode { get; set; } = true;

    /// <summary>Strategy settings as JSON (see MartingaleSettingsJson); null means every default.</summary>
    public string? Config { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    // DipTrader's additions.
    public DateTime? UpdatedAt { get; set; }

    /// <summary>Alert states of the last run (JSON), so alerts are sent when they begin and end.</summary>
    public string? AlertState { get; set; }

    /// <summary>The leverage last set on the exchange for this symbol, so it is set only when it differs.</summary>
    public int? ExchangeLeverage { get; set; }

    public Bot? Bot { get; set; }
}
