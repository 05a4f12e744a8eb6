namespace DipTrader.Data.Entities;

/// <summary>A user's bot: one exchange account and its trading pairs (<c>bots</c>).</summary>
public sealed class Bot
{
    public int Id { get; set; }
    public int? UserId { get; set; }
    public required string Name { get; set; }

    /// <summary><c>phemex</c> or <c>paper</c>.</summary>
    public required string Exchange { get; set; }

    public bool Testnet { get; set; } = true;

    /// <summary>Fernet token of the API key; decrypted only inside a bot run.</summary>
    public required string ApiKeyEncrypted { get; set; }

    /// <summary>Fernet token of the API secret; decrypted only inside a bot run.</summary>
    public required string ApiSecretEncrypted { get; set; }

    /// <summary><c>running</c>, <c>stopped</c> or <c>error</c>.</summary>
    public string Status { get; set; } = BotStatus.Stopped;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // DipTrader's additions.

    /// <summary>The last 4 characters of the API key, the only part ever shown back.</summary>
    public string? ApiKeyHint { get; set; }

    /// <summary>Minutes between runs of this bot's pairs.</summary>
    public int RunEveryMinutes { get; set; } = 5;

    public DateTime? LastRunAt { get; set; }
    public DateTime? NextRunAt { get; set; }

    /// <summary>Why the last run failed, or why the bot was put in <c>error</c>; never holds secrets.</summary>
    public string? LastError { get; set; }

    public int ConsecutiveFailures { get; set; }

    public User? User { get; set; }
    public List<TradingPair> Pairs { get; } = [];
}

public static class BotStatus
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    public const string Error = "error";
}

public static class Exchanges
{
    public const string Phemex = "phemex";
    public const string Paper = "paper";

    public static IReadOnlyList<string> All { get; } = [Phemex, Paper];
}
