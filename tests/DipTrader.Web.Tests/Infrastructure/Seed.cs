using DipTrader.Data.Entities;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>A recorded run, as the scheduler writes it: the run, its pair's metric row, an order and a log line.</summary>
public sealed record SeededRun(long RunId, int MetricId, int TradeId, string Rule, string Conclusion);

/// <summary>
/// Writes what only a bot run produces (runs, metric rows, orders, log lines) straight into the database, so page
/// and API tests do not wait for the scheduler; the scheduled-run test checks the real thing end to end.
/// </summary>
public static class Seed
{
    public const string Conclusion = "Price 2.4% under EMA50 with margin level 3.10: rule P2 adds 0.01 BTC.";

    public static async Task<SeededRun> RunAsync(WebApp app, int botId, int? pairId = null, string symbol = "BTCUSDT", string side = "Long")
    {
        await using var db = app.Database.CreateContext();
        var now = DateTime.UtcNow.AddMinutes(-1);
        now = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc);
        var run = new BotRun { BotId = botId, StartedAt = now, FinishedAt = now.AddSeconds(1), Outcome = RunOutcomes.Ok, PairsOk = 1, DurationMs = 812, Instance = "test" };
        db.BotRuns.Add(run);
        await db.SaveChangesAsync();
        var metric = new ExecutionMetric
        {
            BotId = botId,
            RunId = run.Id,
            TradingPairId = pairId,
            Symbol = symbol,
            Side = side,
            ExecutedAt = now,
            Action = "managed",
            Rule = "P2",
            Decision = "Add",
            Conclusion = Conclusion,
            TotalBalance = 10_000m,
            CurrentPrice = 61_234.5m,
            PositionSize = 0.02m,
            PositionValue = 122.47m,
            UnrealizedPnl = -14.2m,
            MarginLevel = 3.1m,
            Ema50 = 62_750m,
            Ema200 = 60_100m,
            Details = """{"rule":"P2","action":"Add","side":"Buy","quantity":0.01,"reason":"dip under EMA50","pnlRatio":-0.116,"alerts":[{"message":"Margin level is getting low."}]}""",
        };
        db.ExecutionMetrics.Add(metric);
        var trade = new Trade
        {
            BotId = botId,
            TradingPairId = pairId,
            RunId = run.Id,
            Symbol = symbol,
            PositionSide = side,
            Action = "Add",
            Side = "Buy",
            Rule = "P2",
            Quantity = 0.01m,
            Price = 61_230m,
            Status = "Filled",
            FilledQuantity = 0.01m,
            FillPrice = 61_230m,
            Fee = 0.37m,
            ExecutedAt = now,
        };
        db.Trades.Add(trade);
        db.BotLogs.Add(new BotLog { BotId = botId, RunId = run.Id, Symbol = symbol, Level = LogLevels.Info, Message = "P2 add 0.01 BTCUSDT filled at 61230", CreatedAt = now });
        await db.SaveChangesAsync();
        return new SeededRun(run.Id, metric.Id, trade.Id, "P2", Conclusion);
    }
}
