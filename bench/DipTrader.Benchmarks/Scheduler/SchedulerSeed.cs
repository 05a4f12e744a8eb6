using System.Globalization;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;

namespace DipTrader.Benchmarks.Scheduler;

/// <summary>
/// The bots of one benchmark run and the fake exchange they trade on: <c>bots</c> Phemex bots, each with its own
/// key and <c>pairs</c> pairs over <c>symbols</c> listed contracts (automatic mode, default strategy), all due at
/// the same moment so one cycle is a burst the worker must work through.
/// </summary>
internal static class SchedulerSeed
{
    private const int UsersBots = 10;

    public static IReadOnlyList<string> AddSymbols(FakePhemexServer phemex, int count)
    {
        var symbols = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // BTC, ETH and SOL exist in the fake; the rest are made-up contracts at varied prices.
            var symbol = i switch { 0 => "BTCUSDT", 1 => "ETHUSDT", 2 => "SOLUSDT", _ => $"C{i:D2}USDT" };
            if (i >= 3)
            {
                var price = 0.5m * (i * i);
                phemex.SetProduct(new FakeProduct(symbol, 0.01m, 0.001m, 1_000_000m));
                phemex.SetPrice(symbol, price);
            }
            symbols.Add(symbol);
        }
        return symbols;
    }

    /// <param name="steady">Pairs that ran before: leverage known, no order resting. Otherwise every pair is new (cancel-all and leverage on the first run).</param>
    public static async Task SeedAsync(TestDatabase database, FakePhemexServer phemex, SecretBox box, IReadOnlyList<string> symbols,
        int bots, int pairs, bool steady, DateTime dueAt, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var step = Math.Max(1, symbols.Count / pairs);
        for (var first = 0; first < bots; first += 100)
        {
            await using var db = database.CreateContext();
            User? user = null;
            for (var i = first; i < Math.Min(bots, first + 100); i++)
            {
                if (i % UsersBots == 0)
                {
                    user = new User { Email = $"owner{i / UsersBots:D4}@example.com", PasswordHash = "x", CreatedAt = now, UpdatedAt = now, IsApproved = true, MaxBots = UsersBots, Plan = Plans.Pro };
                    db.Users.Add(user);
                }
                var key = string.Create(CultureInfo.InvariantCulture, $"bench-key-{i:D5}");
                phemex.AddAccount(key, "secret-" + key, 10_000m);
                var bot = new Bot
                {
                    User = user, Name = key, Exchange = "phemex", Testnet = false, Status = BotStatus.Running, RunEveryMinutes = 5,
                    CreatedAt = now, UpdatedAt = now, NextRunAt = dueAt,
                    ApiKeyEncrypted = box.Encrypt(key), ApiSecretEncrypted = box.Encrypt("secret-" + key), ApiKeyHint = key[^4..],
                };
                db.Bots.Add(bot);
                for (var k = 0; k < pairs; k++)
                {
                    // Ten different symbols per bot, every symbol used about equally, both sides.
                    db.TradingPairs.Add(new TradingPair
                    {
                        Bot = bot, Symbol = symbols[(i + k * step) % symbols.Count], Side = (i + k) % 2 == 0 ? "Long" : "Short",
                        Leverage = 10, EmaInterval = 1, AutomaticMode = true, CreatedAt = now,
                        AlertState = steady ? "{\"exchangeLeverage\":10}" : null, ExchangeLeverage = steady ? 10 : null,
                    });
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
