namespace DipTrader.Data.Entities;

/// <summary>A line of a bot's activity log (<c>bot_logs</c>).</summary>
public sealed class BotLog
{
    public int Id { get; set; }
    public int? BotId { get; set; }

    /// <summary>INFO, WARNING or ERROR.</summary>
    public required string Level { get; set; }

    public string? Message { get; set; }
    public DateTime? CreatedAt { get; set; }

    // DipTrader's additions.
    public long? RunId { get; set; }
    public string? Symbol { get; set; }
}

public static class LogLevels
{
    public const string Info = "INFO";
    public const string Warning = "WARNING";
    public const string Error = "ERROR";
}
