namespace DipTrader.Data.Entities;

/// <summary>Who did what, when (<c>audit_log</c>).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public int? UserId { get; set; }
    public required string Action { get; set; }
    public string? TargetType { get; set; }
    public int? TargetId { get; set; }
    public string? IpAddress { get; set; }
    public string? Details { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A personal API token; only its SHA-256 hash is stored (<c>api_tokens</c>).</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A user's own Telegram bot and chat, encrypted (<c>notification_settings</c>).</summary>
public sealed class NotificationSetting
{
    public int UserId { get; set; }
    public string? TelegramBotTokenEncrypted { get; set; }
    public string? TelegramChatIdEncrypted { get; set; }
    public bool Enabled { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One run of one bot over its pairs (<c>bot_runs</c>).</summary>
public sealed class BotRun
{
    public long Id { get; set; }
    public int BotId { get; set; }

    /// <summary>When the run was due; lag is <see cref="StartedAt"/> − this.</summary>
    public DateTime? ScheduledAt { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary><c>ok</c>, <c>failed</c> (some pair failed), <c>error</c> (the run could not start) or <c>timeout</c>.</summary>
    public required string Outcome { get; set; }

    public int PairsOk { get; set; }
    public int PairsFailed { get; set; }
    public int? DurationMs { get; set; }
    public string? Error { get; set; }

    /// <summary>Which scheduler instance ran it.</summary>
    public string? Instance { get; set; }
}

public static class RunOutcomes
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Error = "error";
    public const string Timeout = "timeout";
}

/// <summary>The simulated account of a paper bot (<c>paper_accounts</c>).</summary>
public sealed class PaperAccountRow
{
    public int BotId { get; set; }
    public required string State { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A user's backtest and its report (<c>backtests</c>).</summary>
public sealed class Backtest
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Name { get; set; }

    /// <summary><c>queued</c>, <c>running</c>, <c>done</c>, <c>failed</c>.</summary>
    public required string Status { get; set; }

    public int Progress { get; set; }

    /// <summary>The request (pairs, period, settings) as JSON.</summary>
    public required string Request { get; set; }

    /// <summary>The report (metrics, trades, decisions, chart series) as JSON, when done.</summary>
    public string? Report { get; set; }

    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
