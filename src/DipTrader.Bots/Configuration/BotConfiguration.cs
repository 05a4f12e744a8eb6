using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Configuration;

/// <summary>Everything one bot run needs to know, from <c>.env</c> or from the database.</summary>
public sealed record BotConfiguration
{
    /// <summary>A name for logs and messages: the bot's name, or "standalone".</summary>
    public required string Name { get; init; }

    /// <summary>The <c>bots.id</c> in database mode; null when standalone.</summary>
    public int? BotId { get; init; }

    /// <summary><c>phemex</c> or <c>paper</c>.</summary>
    public required string Exchange { get; init; }

    /// <summary>Where a paper account gets its prices: live Phemex data or the built-in demo market.</summary>
    public MarketDataSource MarketData { get; init; } = MarketDataSource.Phemex;

    /// <summary>Exchange keys; required for <c>phemex</c>, unused by <c>paper</c>.</summary>
    public ExchangeCredentials? Credentials { get; init; }

    public bool Testnet { get; init; }

    /// <summary>Overrides the Phemex REST base URL (a proxy, or a fake server in tests).</summary>
    public Uri? PhemexBaseUrl { get; init; }

    public required IReadOnlyList<PairConfiguration> Pairs { get; init; }

    /// <summary>
    /// Inactive pairs whose state names an order (database mode): they take no decision, but the order one left resting
    /// before it was deactivated is cancelled by the bot's next run (<see cref="Running.BotRunner.CloseAsync"/>).
    /// </summary>
    public IReadOnlyList<PairConfiguration> InactivePairs { get; init; } = [];

    public TelegramTarget? Telegram { get; init; }

    /// <summary>Send a "bot started" message (<c>BOT_STARTUP</c>).</summary>
    public bool NotifyStartup { get; init; }

    /// <summary>Starting balance of a new paper account, in USDT.</summary>
    public decimal PaperBalance { get; init; } = 10_000m;

    public override string ToString() => $"{Name} ({Exchange}, {Pairs.Count} pairs)";
}

public enum MarketDataSource
{
    Phemex,
    Demo,
}

/// <summary>One pair of a bot: its settings and a stable key for client order ids and alert state.</summary>
/// <param name="Key">Stable and short: <c>p42</c> for trading_pairs.id 42, or <c>BTCUSDT-L</c> standalone.</param>
/// <param name="PairId">The <c>trading_pairs.id</c> in database mode.</param>
public sealed record PairConfiguration(string Key, PairSettings Settings, int? PairId = null)
{
    public static string StandaloneKey(PairSettings settings) => $"{settings.Symbol}-{settings.Side.ToString()[0]}";
}

/// <summary>Exchange API keys. Never printed: <see cref="ToString"/> shows a fingerprint only.</summary>
public sealed class ExchangeCredentials(string apiKey, string apiSecret)
{
    public string ApiKey { get; } = apiKey;
    public string ApiSecret { get; } = apiSecret;

    /// <summary>The last 4 characters of the key: enough to tell keys apart, useless to an attacker.</summary>
    public string Hint => ApiKey.Length <= 4 ? "****" : ApiKey[^4..];

    public override string ToString() => $"key …{Hint}";
}

/// <summary>A Telegram bot token and chat. Never printed: the token is a secret.</summary>
public sealed class TelegramTarget(string botToken, string chatId)
{
    public string BotToken { get; } = botToken;
    public string ChatId { get; } = chatId;

    public override string ToString() => $"Telegram chat {ChatId}";
}
