using System.Globalization;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Exchanges.Paper;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Bots.Recording;

/// <summary>Paper accounts of database bots in <c>paper_accounts</c> (account name <c>bot-{id}</c>).</summary>
public sealed class DatabasePaperAccountStore(IDbContextFactory<DipTraderDbContext> contexts, TimeProvider time) : IPaperAccountStore
{
    public async ValueTask<PaperAccountState?> LoadAsync(string accountName, CancellationToken cancellationToken)
    {
        var botId = BotId(accountName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.PaperAccounts.AsNoTracking().Where(p => p.BotId == botId).Select(p => p.State).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : PaperAccountJson.Deserialize(json);
    }

    public async ValueTask SaveAsync(string accountName, PaperAccountState state, CancellationToken cancellationToken)
    {
        var botId = BotId(accountName);
        var json = PaperAccountJson.Serialize(state);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.PaperAccounts.Where(p => p.BotId == botId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, json).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.PaperAccounts.Add(new PaperAccountRow { BotId = botId, State = json, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static int BotId(string accountName) =>
        accountName.StartsWith("bot-", StringComparison.Ordinal) && int.TryParse(accountName.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException($"'{accountName}' is not a database bot's paper account.", nameof(accountName));
}
