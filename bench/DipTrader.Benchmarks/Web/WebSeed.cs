using System.Globalization;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;

namespace DipTrader.Benchmarks.Web;

/// <summary>
/// A busy account for the web benchmark (issue 6): one user with <c>bots</c> running Phemex bots and <c>pairs</c> pairs
/// spread over them, a run of every bot every 5 minutes (one <c>bot_runs</c> row, one <c>execution_metrics</c> row per
/// pair), <c>trades</c> orders and <c>logs</c> log lines spread over those runs, all ending now, so the charts' default
/// 7 days hold most of it. Rows go in through the real entities, in batches.
/// </summary>
internal sealed class WebSeed(SecretBox box, int bots, int pairs, int trades, int logs, int runRecords)
{
    private const int Batch = 5000;
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "LINKUSDT", "AVAXUSDT"];
    private static readonly string[] Rules = ["W", "P2", "P3", "N1", "T1", "P5"];
    private static readonly string[] Decisions = ["Hold", "Hold", "Hold", "Add", "Reduce", "Open"];

    /// <summary>Seeds the database; answers the user's bot ids, oldest first.</summary>
    public async Task<IReadOnlyList<int>> SeedAsync(DatabaseConnection connection, string email, string password, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var botIds = new List<int>();
        var pairsOf = new Dictionary<int, List<TradingPair>>();
        await using (var db = PersistenceServiceCollectionExtensions.CreateContext(connection))
        {
            var user = new User
            {
                Email = email, PasswordHash = WerkzeugPasswordHasher.Hash(password), CreatedAt = now.AddDays(-30), UpdatedAt = now,
                IsApproved = true, Plan = Plans.Pro, MaxBots = bots,
            };
            db.Users.Add(user);
            var created = new List<Bot>();
            for (var i = 0; i < bots; i++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"webbench-key-{i:D3}");
                var bot = new Bot
                {
                    User = user, Name = string.Create(CultureInfo.InvariantCulture, $"Bot {i + 1}"), Exchange = Data.Entities.Exchanges.Phemex,
                    Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 5, CreatedAt = now.AddDays(-30).AddMinutes(i), UpdatedAt = now,
                    LastRunAt = now, ApiKeyEncrypted = box.Encrypt(key), ApiSecretEncrypted = box.Encrypt("secret-" + key), ApiKeyHint = key[^4..],
                };
                created.Add(bot);
                db.Bots.Add(bot);
            }
            for (var k = 0; k < pairs; k++)
            {
                var bot = created[k % bots];
                db.TradingPairs.Add(new TradingPair
                {
                    Bot = bot, Symbol = Symbols[k / bots % Symbols.Length], Side = k % 2 == 0 ? "Long" : "Short",
                    Leverage = 10, EmaInterval = 5, AutomaticMode = true, CreatedAt = bot.CreatedAt, ExchangeLeverage = 10,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var bot in created)
            {
                botIds.Add(bot.Id);
                pairsOf[bot.Id] = [.. bot.Pairs];
            }
        }
        // Every bot runs the same number of times; each run writes one metric row per pair of the bot.
        var runsPerBot = Math.Max(1, runRecords / Math.Max(1, pairs));
        var runIds = new Dictionary<int, long[]>();
        foreach (var botId in botIds)
        {
            runIds[botId] = await AddRunsAsync(connection, botId, pairsOf[botId].Count, runsPerBot, now, cancellationToken);
        }
        await AddRowsAsync(connection, runRecords, i =>
        {
            var (botId, run, pair) = Place(i, botIds, pairsOf, runsPerBot);
            return Metric(botId, runIds[botId][run], pair, RunTime(now, runsPerBot, run), i);
        }, cancellationToken);
        await AddRowsAsync(connection, trades, i =>
        {
            var (botId, run, pair) = Place((int)((long)i * runRecords / Math.Max(1, trades)), botIds, pairsOf, runsPerBot);
            return Order(botId, runIds[botId][run], pair, RunTime(now, runsPerBot, run), i);
        }, cancellationToken);
        await AddRowsAsync(connection, logs, i =>
        {
            var (botId, run, pair) = Place((int)((long)i * runRecords / Math.Max(1, logs)), botIds, pairsOf, runsPerBot);
            return Log(botId, runIds[botId][run], pair, RunTime(now, runsPerBot, run).AddMilliseconds(i % 7), i);
        }, cancellationToken);
        return botIds;
    }

    /// <summary>Metric row <paramref name="index"/>: bots take turns, then runs, then a bot's pairs.</summary>
    private static (int BotId, int Run, TradingPair Pair) Place(int index, List<int> botIds, Dictionary<int, List<TradingPair>> pairsOf, int runsPerBot)
    {
        var botId = botIds[index % botIds.Count];
        var pairs = pairsOf[botId];
        var within = index / botIds.Count;
        var run = Math.Min(runsPerBot - 1, within / Math.Max(1, pairs.Count));
        return (botId, run, pairs[within % Math.Max(1, pairs.Count)]);
    }

    private static DateTime RunTime(DateTime now, int runsPerBot, int run) => now.AddMinutes(-5.0 * (runsPerBot - 1 - run));

    private static async Task<long[]> AddRunsAsync(DatabaseConnection connection, int botId, int pairCount, int count, DateTime now, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        for (var first = 0; first < count; first += Batch)
        {
            await using var db = PersistenceServiceCollectionExtensions.CreateContext(connection);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var runs = new List<BotRun>();
            for (var i = first; i < Math.Min(count, first + Batch); i++)
            {
                var at = RunTime(now, count, i);
                runs.Add(new BotRun
                {
                    BotId = botId, ScheduledAt = at, StartedAt = at, FinishedAt = at.AddMilliseconds(850 + i % 300), Outcome = RunOutcomes.Ok,
                    PairsOk = pairCount, DurationMs = 850 + i % 300, Instance = "webbench",
                });
            }
            db.BotRuns.AddRange(runs);
            await db.SaveChangesAsync(cancellationToken);
            for (var i = 0; i < runs.Count; i++)
            {
                ids[first + i] = runs[i].Id;
            }
        }
        return ids;
    }

    private static async Task AddRowsAsync<T>(DatabaseConnection connection, int count, Func<int, T> row, CancellationToken cancellationToken)
        where T : class
    {
        for (var first = 0; first < count; first += Batch)
        {
            await using var db = PersistenceServiceCollectionExtensions.CreateContext(connection);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<T>().AddRange(Enumerable.Range(first, Math.Min(Batch, count - first)).Select(row));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static decimal PriceOf(TradingPair pair, int i) =>
        Math.Round((pair.Symbol == "BTCUSDT" ? 60_000m : pair.Symbol == "ETHUSDT" ? 3_000m : 150m) * (1 + (i % 200 - 100) / 2000m), 2);

    private static ExecutionMetric Metric(int botId, long runId, TradingPair pair, DateTime at, int i)
    {
        var price = PriceOf(pair, i);
        var decision = Decisions[i % Decisions.Length];
        return new ExecutionMetric
        {
            BotId = botId, RunId = runId, TradingPairId = pair.Id, Symbol = pair.Symbol, Side = pair.Side, ExecutedAt = at, CreatedAt = at,
            TotalBalance = 10_000m + i % 500, PositionSize = 0.01m * (i % 7), PositionValue = 50m + i % 90, UnrealizedPnl = (i % 41 - 20) * 0.37m,
            UnrealizedPnlPct = (i % 41 - 20) / 100m, MarginLevel = 1.5m + i % 30 / 10m, EntryPrice = price * 1.01m, CurrentPrice = price,
            Leverage = pair.Leverage, Action = "managed", Conclusion = decision == "Hold" ? "Nothing to do" : decision, Ema200 = price * 1.02m,
            Ema50 = price * 0.99m, ExecutionTimeMs = 120 + i % 80, Rule = Rules[i % Rules.Length], Decision = decision, Ema100H1 = price * 1.005m,
            Details = string.Create(CultureInfo.InvariantCulture,
                $"{{\"price\":{price},\"ema50\":{price * 0.99m},\"ema200\":{price * 1.02m},\"volatility\":\"normal\",\"rule\":\"{Rules[i % Rules.Length]}\",\"reason\":\"{decision}: price {price} vs entry {price * 1.01m}\"}}"),
        };
    }

    private static Trade Order(int botId, long runId, TradingPair pair, DateTime at, int i)
    {
        var price = PriceOf(pair, i);
        var action = (i % 4) switch { 0 => "Open", 1 => "Add", 2 => "Reduce", _ => "Close" };
        var buy = (pair.Side == "Long") == (action is "Open" or "Add");
        return new Trade
        {
            BotId = botId, TradingPairId = pair.Id, RunId = runId, Symbol = pair.Symbol, Action = action, Side = buy ? "Buy" : "Sell",
            PositionSide = pair.Side, Quantity = 0.01m * (1 + i % 5), Price = price, FilledQuantity = 0.01m * (1 + i % 5), FillPrice = price,
            Fee = 0.02m, Pnl = action is "Reduce" or "Close" ? (i % 21 - 10) * 1.3m : null, Status = "Filled", ExecutedAt = at, UpdatedAt = at,
            ReduceOnly = action is "Reduce" or "Close", Rule = Rules[i % Rules.Length],
            ClientOrderId = string.Create(CultureInfo.InvariantCulture, $"wb{botId}-{pair.Id}-{runId}"), ExchangeOrderId = string.Create(CultureInfo.InvariantCulture, $"x{i:D8}"),
            Details = string.Create(CultureInfo.InvariantCulture, $"{{\"rule\":\"{Rules[i % Rules.Length]}\",\"reason\":\"{action} at {price}\"}}"),
        };
    }

    private static BotLog Log(int botId, long runId, TradingPair pair, DateTime at, int i) => new()
    {
        BotId = botId, RunId = runId, Symbol = pair.Symbol, CreatedAt = at,
        Level = i % 50 == 0 ? LogLevels.Warning : LogLevels.Info,
        Message = string.Create(CultureInfo.InvariantCulture, $"{pair.Symbol} {pair.Side}: price {PriceOf(pair, i)}, rule {Rules[i % Rules.Length]}, {Decisions[i % Decisions.Length]}"),
    };
}
