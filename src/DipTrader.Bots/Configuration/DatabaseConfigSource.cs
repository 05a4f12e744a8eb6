using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Trading;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Bots.Configuration;

/// <summary>
/// Database mode (<c>BOT_ID</c>): loads a bot and its active pairs, each with its own EMA interval, leverage
/// and strategy settings, and decrypts its keys and its owner's Telegram settings. The decrypted values live
/// only in the returned configuration, for the length of one run.
/// </summary>
public sealed class DatabaseConfigSource(IDbContextFactory<DipTraderDbContext> contexts, SecretBox secrets, Venues.PaperMarketDataSource paperMarketData)
{
    /// <param name="closing">
    /// For the closing pass of a bot that no longer runs: its status and its owner's suspension do not matter, and every
    /// pair is loaded, inactive ones too, since any of them may have left an order resting.
    /// </param>
    public async Task<Validated<BotConfiguration>> LoadAsync(int botId, CancellationToken cancellationToken, bool closing = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bot = await db.Bots.AsNoTracking().Include(b => b.Pairs).Include(b => b.User)
            .SingleOrDefaultAsync(b => b.Id == botId, cancellationToken);
        if (bot is null)
        {
            return Fail($"Bot {botId} was not found.");
        }
        if (bot.Status != BotStatus.Running && !closing)
        {
            return Fail($"Bot {botId} is not running (its status is '{bot.Status}'); start it first.");
        }
        if (bot.User is { IsActive: false } && !closing)
        {
            return Fail($"Bot {botId} belongs to a suspended account.");
        }
        var exchange = bot.Exchange.Trim().ToLowerInvariant();
        if (!Data.Entities.Exchanges.All.Contains(exchange))
        {
            return Fail($"Bot {botId} uses exchange '{bot.Exchange}', which DipTrader does not support (supported: {string.Join(", ", Data.Entities.Exchanges.All)}).");
        }
        var errors = new List<ValidationError>();
        var pairs = new List<PairConfiguration>();
        var inactive = new List<PairConfiguration>();
        foreach (var row in bot.Pairs.OrderBy(p => p.Id))
        {
            var trades = row.IsActive || closing;
            // An inactive pair matters only while its state (read here already) names an order to cancel; its settings
            // may be unfinished, as it never decides, so only a valid one is kept.
            if (!trades && !Running.PairState.NamesOrdersIn(row.AlertState))
            {
                continue;
            }
            var pair = ToPair(row, trades ? errors : []);
            if (pair is not null)
            {
                (trades ? pairs : inactive).Add(pair);
            }
        }
        if (!closing)
        {
            CheckSiblings(pairs, errors);
        }
        if (errors.Count > 0)
        {
            return Validated<BotConfiguration>.Fail(errors);
        }
        if (pairs.Count == 0)
        {
            return Fail($"Bot {botId} has no active trading pairs.");
        }
        ExchangeCredentials? credentials = null;
        if (exchange == Data.Entities.Exchanges.Phemex)
        {
            if (!secrets.TryDecrypt(bot.ApiKeyEncrypted, out var key) || !secrets.TryDecrypt(bot.ApiSecretEncrypted, out var secret))
            {
                return Fail($"Bot {botId}'s API keys cannot be decrypted: ENCRYPTION_KEY (or ENCRYPTION_KEYS) is not the key they were stored with.");
            }
            credentials = new ExchangeCredentials(key, secret);
        }
        var telegram = bot.UserId is { } userId ? await TelegramAsync(db, userId, cancellationToken) : null;
        return Validated<BotConfiguration>.Ok(new BotConfiguration
        {
            Name = bot.Name,
            BotId = bot.Id,
            Exchange = exchange,
            MarketData = exchange == Data.Entities.Exchanges.Paper ? await paperMarketData.GetAsync(cancellationToken) : MarketDataSource.Phemex,
            Credentials = credentials,
            Testnet = bot.Testnet,
            Pairs = pairs,
            InactivePairs = inactive,
            Telegram = telegram,
        });
    }

    private async Task<TelegramTarget?> TelegramAsync(DipTraderDbContext db, int userId, CancellationToken cancellationToken)
    {
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(n => n.UserId == userId, cancellationToken);
        if (settings is not { Enabled: true, TelegramBotTokenEncrypted: { } token, TelegramChatIdEncrypted: { } chat })
        {
            return null;
        }
        // Notifications must never stop trading: undecryptable Telegram settings only silence the messages.
        return secrets.TryDecrypt(token, out var botToken) && secrets.TryDecrypt(chat, out var chatId) ? new TelegramTarget(botToken, chatId) : null;
    }

    private static PairConfiguration? ToPair(TradingPair row, List<ValidationError> errors)
    {
        var field = $"trading pair {row.Id} ({row.Symbol} {row.Side})";
        if (!SideExtensions.TryParsePositionSide(row.Side, out var side))
        {
            errors.Add(new ValidationError(field, "side must be Long or Short"));
            return null;
        }
        var strategy = MartingaleSettingsJson.Parse(row.Config);
        if (!strategy.IsValid)
        {
            errors.AddRange(strategy.Errors.Select(e => e with { Field = $"{field} config.{e.Field}" }));
            return null;
        }
        var settings = new PairSettings(row.Symbol, side, row.Leverage, row.EmaInterval, row.AutomaticMode, strategy.Value!);
        var invalid = settings.Validate();
        if (invalid.Count > 0)
        {
            errors.AddRange(invalid.Select(e => e with { Field = $"{field} {e.Field}" }));
            return null;
        }
        return new PairConfiguration($"p{row.Id}", settings, row.Id);
    }

    /// <summary>
    /// What the web app refuses when a pair is saved, checked again as the bot loads: a database adopted from the Python
    /// app (which checked neither) may hold them. Two pairs on one symbol and side would each place orders for the same
    /// position; two leverages on one symbol cannot both hold, as hedged mode sets both sides together.
    /// </summary>
    private static void CheckSiblings(List<PairConfiguration> pairs, List<ValidationError> errors)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var (earlier, later) = (pairs[j].Settings, pairs[i].Settings);
                if (earlier.Symbol != later.Symbol)
                {
                    continue;
                }
                var field = $"trading pair {pairs[i].PairId} ({later.Symbol} {later.Side})";
                if (earlier.Side == later.Side)
                {
                    errors.Add(new ValidationError(field, $"trading pair {pairs[j].PairId} trades {later.Symbol} {later.Side} too: deactivate or delete one of them"));
                }
                else if (earlier.Leverage != later.Leverage)
                {
                    errors.Add(new ValidationError(field, $"uses {later.Leverage}x while trading pair {pairs[j].PairId} ({earlier.Symbol} {earlier.Side}) uses {earlier.Leverage}x: both sides of a symbol share one leverage on Phemex"));
                }
            }
        }
    }

    private static Validated<BotConfiguration> Fail(string message) => Validated<BotConfiguration>.Fail("BOT_ID", message);
}
