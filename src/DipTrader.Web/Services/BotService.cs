using DipTrader.Bots.Running;
using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services;

/// <summary>
/// Every change to a user's bots: create (within the plan's limit), edit, replace keys, start (only with an
/// active pair, within the limit), stop, delete. Every query is scoped to the owner: another user's bot id
/// answers "not found". Keys are encrypted here and never read back.
/// </summary>
public sealed class BotService(IDbContextFactory<DipTraderDbContext> contexts, SecretBox secrets, IBotScheduler scheduler, AuditLog audit, TimeProvider time)
{
    public async Task<ServiceResult<Bot>> CreateAsync(int userId, NewBotInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = BotRules.Name(input.Name, errors);
        var exchange = (input.Exchange ?? Data.Entities.Exchanges.Phemex).Trim().ToLowerInvariant();
        if (!Data.Entities.Exchanges.All.Contains(exchange))
        {
            errors.Add("Exchange", $"Choose one of {string.Join(", ", Data.Entities.Exchanges.All)}.");
        }
        var runEvery = BotRules.RunEvery(input.RunEveryMinutes, errors);
        string? key = null;
        string? secret = null;
        if (exchange == Data.Entities.Exchanges.Phemex)
        {
            key = BotRules.Key("ApiKey", "API key", input.ApiKey, errors);
            secret = BotRules.Key("ApiSecret", "API secret", input.ApiSecret, errors);
        }
        if (errors.Count > 0)
        {
            return ServiceResult<Bot>.Invalid(errors.ToDictionary());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await RowLocks.LockUserAsync(db, userId, cancellationToken);
        var count = await db.Bots.CountAsync(b => b.UserId == userId, cancellationToken);
        if (count >= user.MaxBots)
        {
            return ServiceResult<Bot>.Invalid("Plan", $"You have reached your bot limit ({user.MaxBots} bot{(user.MaxBots == 1 ? "" : "s")} on the {user.Plan} plan). Delete a bot or ask an admin for a larger plan.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var bot = new Bot
        {
            UserId = userId,
            Name = name!,
            Exchange = exchange,
            Testnet = input.Testnet,
            RunEveryMinutes = runEvery,
            // Paper bots have no keys; the columns are NOT NULL in the predecessor's schema.
            ApiKeyEncrypted = secrets.Encrypt(key ?? "paper"),
            ApiSecretEncrypted = secrets.Encrypt(secret ?? "paper"),
            ApiKeyHint = key is null ? null : key[^4..],
            Status = BotStatus.Stopped,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Bots.Add(bot);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(db, userId, AuditActions.BotCreated, "bot", bot.Id, $"{bot.Name} ({bot.Exchange})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    public async Task<ServiceResult<Bot>> UpdateAsync(int userId, int botId, BotSettingsInput input, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The bot's row lock: its pairs' states are read and rewritten below, and pair writes take the same lock.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await RowLocks.LockBotAsync(db, userId, botId, cancellationToken))
        {
            return ServiceResult<Bot>.Missing();
        }
        var bot = await db.Bots.SingleAsync(b => b.Id == botId, cancellationToken);
        // What the input leaves out stays as it is, read under the lock, so a concurrent edit is not undone.
        var errors = new FieldErrors();
        var name = BotRules.Name(input.Name ?? bot.Name, errors);
        var runEvery = BotRules.RunEvery(input.RunEveryMinutes ?? bot.RunEveryMinutes, errors);
        if (errors.Count > 0)
        {
            return ServiceResult<Bot>.Invalid(errors.ToDictionary());
        }
        var testnet = input.Testnet ?? bot.Testnet;
        if (testnet != bot.Testnet && bot.Exchange == Data.Entities.Exchanges.Phemex
            && await ExchangeAccountChange.ForgetOldAccountAsync(db, botId, cancellationToken) is { Count: > 0 } resting)
        {
            return ServiceResult<Bot>.Invalid("Testnet", ExchangeAccountChange.OrdersMayRest(resting, "change the network"));
        }
        bot.Name = name!;
        bot.Testnet = testnet;
        bot.RunEveryMinutes = runEvery;
        bot.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(db, userId, AuditActions.BotEdited, "bot", bot.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await scheduler.BotChangedAsync(bot.Id, cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    public async Task<ServiceResult<Bot>> ReplaceKeysAsync(int userId, int botId, BotKeysInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var key = BotRules.Key("ApiKey", "API key", input.ApiKey, errors);
        var secret = BotRules.Key("ApiSecret", "API secret", input.ApiSecret, errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // As in UpdateAsync: the pairs' states are read and rewritten under the bot's row lock.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await RowLocks.LockBotAsync(db, userId, botId, cancellationToken))
        {
            return ServiceResult<Bot>.Missing();
        }
        var bot = await db.Bots.SingleAsync(b => b.Id == botId, cancellationToken);
        if (bot.Exchange != Data.Entities.Exchanges.Phemex)
        {
            return ServiceResult<Bot>.Invalid("ApiKey", "A paper bot has no exchange keys.");
        }
        if (errors.Count > 0)
        {
            return ServiceResult<Bot>.Invalid(errors.ToDictionary());
        }
        if (await ExchangeAccountChange.ForgetOldAccountAsync(db, botId, cancellationToken) is { Count: > 0 } resting)
        {
            return ServiceResult<Bot>.Invalid("ApiKey", ExchangeAccountChange.OrdersMayRest(resting, "replace the keys"));
        }
        bot.ApiKeyEncrypted = secrets.Encrypt(key);
        bot.ApiSecretEncrypted = secrets.Encrypt(secret);
        bot.ApiKeyHint = key[^4..];
        bot.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(db, userId, AuditActions.KeysReplaced, "bot", bot.Id, $"key …{bot.ApiKeyHint}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    public async Task<ServiceResult<Bot>> StartAsync(int userId, int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await RowLocks.LockUserAsync(db, userId, cancellationToken);
        var bot = await db.Bots.SingleOrDefaultAsync(b => b.Id == botId && b.UserId == userId, cancellationToken);
        if (bot is null)
        {
            return ServiceResult<Bot>.Missing();
        }
        if (!await db.TradingPairs.AnyAsync(p => p.BotId == botId && p.IsActive, cancellationToken))
        {
            return ServiceResult<Bot>.Invalid("Pairs", "Add an active trading pair before starting the bot.");
        }
        var running = await db.Bots.CountAsync(b => b.UserId == userId && b.Status == BotStatus.Running && b.Id != botId, cancellationToken);
        if (running >= user.MaxBots)
        {
            return ServiceResult<Bot>.Invalid("Plan", $"Your {user.Plan} plan runs at most {user.MaxBots} bot{(user.MaxBots == 1 ? "" : "s")} at a time; stop another bot first.");
        }
        if (bot.Status != BotStatus.Running)
        {
            bot.Status = BotStatus.Running;
            bot.ConsecutiveFailures = 0;
            bot.LastError = null;
            bot.UpdatedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(db, userId, AuditActions.BotStarted, "bot", bot.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await scheduler.BotChangedAsync(bot.Id, cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    public async Task<ServiceResult<Bot>> StopAsync(int userId, int botId, CancellationToken cancellationToken, bool byAdmin = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bot = await db.Bots.SingleOrDefaultAsync(b => b.Id == botId && (byAdmin || b.UserId == userId), cancellationToken);
        if (bot is null)
        {
            return ServiceResult<Bot>.Missing();
        }
        if (bot.Status != BotStatus.Stopped)
        {
            bot.Status = BotStatus.Stopped;
            bot.NextRunAt = null;
            bot.UpdatedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(db, userId, byAdmin ? AuditActions.AdminStoppedBot : AuditActions.BotStopped, "bot", bot.Id);
            await db.SaveChangesAsync(cancellationToken);
        }
        await scheduler.BotChangedAsync(bot.Id, cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    public async Task<ServiceResult<Bot>> DeleteAsync(int userId, int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bot = await db.Bots.SingleOrDefaultAsync(b => b.Id == botId && b.UserId == userId, cancellationToken);
        if (bot is null)
        {
            return ServiceResult<Bot>.Missing();
        }
        if (bot.Status == BotStatus.Running)
        {
            return ServiceResult<Bot>.Invalid("Status", "Stop the bot before deleting it: stopping cancels the orders its last runs left resting on the exchange.");
        }
        if (!await OrdersSettledAsync(db, botId, cancellationToken))
        {
            return ServiceResult<Bot>.Invalid("Status", "The bot is still cancelling the orders its last runs left resting on the exchange (this starts when it stops); try again in a few seconds.");
        }
        db.Bots.Remove(bot);
        audit.Add(db, userId, AuditActions.BotDeleted, "bot", bot.Id, bot.Name);
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.BotChangedAsync(bot.Id, cancellationToken);
        return ServiceResult<Bot>.Ok(bot);
    }

    /// <summary>
    /// Whether no pair's state names an order its last run left resting. Right after a stop the closing pass may still
    /// be cancelling them, so this waits a few seconds for it rather than refusing at once.
    /// </summary>
    private async Task<bool> OrdersSettledAsync(DipTraderDbContext db, int botId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        while (true)
        {
            var states = await db.TradingPairs.AsNoTracking().Where(p => p.BotId == botId).Select(p => p.AlertState).ToListAsync(cancellationToken);
            if (!states.Exists(PairState.NamesOrdersIn))
            {
                return true;
            }
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }
}
