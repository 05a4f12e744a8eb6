using System.Globalization;
using System.Text.Json;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;
using DipTrader.Data.Entities;
using DipTrader.Exchanges;
using DipTrader.Trading.Explain;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Recording;

/// <summary>The rows one pair run becomes, in the predecessor's column meanings.</summary>
internal static class RunRows
{
    /// <summary>The largest value a DECIMAL(10,4) column holds.</summary>
    private const decimal Ratio10x4 = 999_999.9999m;

    public static ExecutionMetric Metric(int botId, long runId, DateTime executedAt, int durationMs, PairRunResult pair)
    {
        var settings = pair.Pair.Settings;
        var metric = new ExecutionMetric
        {
            BotId = botId,
            RunId = runId,
            TradingPairId = pair.Pair.PairId,
            Symbol = settings.Symbol,
            Side = settings.Side.ToString(),
            ExecutedAt = executedAt,
            CreatedAt = executedAt,
            Action = pair.ExecutionAction,
            Conclusion = pair.Conclusion,
            Leverage = settings.Leverage,
            ExecutionTimeMs = durationMs,
        };
        if (pair.Decision is { } decision)
        {
            var f = decision.Figures;
            metric.Rule = decision.Rule.Code();
            metric.Decision = decision.Action.ToString();
            metric.TotalBalance = Money(f.Balance);
            metric.CurrentPrice = Money(f.Price);
            metric.Ema50 = Money(f.Ema50);
            metric.Ema200 = Money(f.Ema200);
            metric.Ema100H1 = Money(f.Ema100H1);
            metric.PositionSize = f.PositionSize > 0 ? Money(f.PositionSize) : null;
            metric.PositionValue = Money(f.PositionMargin);
            metric.UnrealizedPnl = Money(f.UnrealisedPnl);
            metric.UnrealizedPnlPct = Ratio(f.PnlRatio);
            metric.MarginLevel = f.MarginLevel is { } level ? Ratio(level) : null;
            metric.EntryPrice = f.EntryPrice is { } entry ? Money(entry) : null;
            metric.Details = DecisionJson.Write(decision, indented: false);
        }
        return metric;
    }

    public static BotLog Log(int botId, long runId, DateTime at, PairRunResult pair)
    {
        var settings = pair.Pair.Settings;
        return new BotLog
        {
            BotId = botId,
            RunId = runId,
            Symbol = settings.Symbol,
            CreatedAt = at,
            Level = pair.Failed ? LogLevels.Error : LogLevels.Info,
            Message = $"{settings.Symbol} {settings.Side} - {pair.ExecutionAction.ToUpperInvariant()} - {pair.Conclusion}",
        };
    }

    public static BotLog Summary(int botId, long runId, BotRunResult result) => new()
    {
        BotId = botId,
        RunId = runId,
        CreatedAt = result.FinishedAt.UtcDateTime,
        Level = result.AllSucceeded ? LogLevels.Info : LogLevels.Warning,
        Message = result.AllSucceeded
            ? $"Execution completed ({result.Duration.TotalSeconds:0.0}s) with {result.Pairs.Count} pair(s)"
            : $"Execution completed ({result.Duration.TotalSeconds:0.0}s): {result.FailedPairs} of {result.Pairs.Count} pair(s) failed",
    };

    public static Trade NewTrade(int botId, long runId, DateTime executedAt, PairRunResult pair)
    {
        var decision = pair.Decision!;
        var settings = pair.Pair.Settings;
        return new Trade
        {
            BotId = botId,
            TradingPairId = pair.Pair.PairId,
            RunId = runId,
            Symbol = settings.Symbol,
            Action = decision.Action.ToString(),
            Side = decision.Side!.Value.ToString(),
            PositionSide = settings.Side.ToString(),
            Rule = decision.Rule.Code(),
            ReduceOnly = decision.ReduceOnly,
            PostOnly = decision.PostOnly,
            ExecutedAt = executedAt,
            Details = JsonSerializer.Serialize(new { rule = decision.Rule.Code(), reason = decision.Reason }),
        };
    }

    /// <summary>
    /// The row of an order a later run learned about but the run that placed it never recorded: its outcome was
    /// unknown (no answer from the exchange), or the process or the database failed before the run was written. What
    /// it was comes from its client order id and the exchange's answer; the decision's rule and reason are lost.
    /// </summary>
    public static Trade RecoveredTrade(int botId, long? runId, PairConfiguration pair, OrderInfo order, DateTime learnedAt)
    {
        var placed = RunSlot.ReadClientOrderId(order.ClientOrderId);
        return new Trade
        {
            BotId = botId,
            TradingPairId = pair.PairId,
            RunId = runId,
            Symbol = order.Symbol,
            Action = placed?.Action.ToString() ?? "Unknown",
            Side = order.Side.ToString(),
            PositionSide = order.PositionSide.ToString(),
            ReduceOnly = order.ReduceOnly,
            ExecutedAt = placed?.SlotStart.UtcDateTime ?? learnedAt,
            Details = JsonSerializer.Serialize(new { recovered = "The run that placed this order did not record it; a later run found it on the exchange." }),
        };
    }

    /// <summary>Why a trade row appears a run late: the user sees the order was found, not placed now.</summary>
    public static BotLog RecoveredLog(int botId, long? runId, DateTime at, OrderInfo order) => Line(botId, runId, order.Symbol, at, LogLevels.Warning,
        string.Create(CultureInfo.InvariantCulture,
            $"{order.Symbol} {order.PositionSide} - order {order.ClientOrderId} was not recorded by the run that placed it; found on the exchange: {order.Status}, filled {order.FilledQuantity} of {order.Quantity}. Added to the trades."));

    /// <summary>What the closing pass (a stopped bot, a deactivated pair) did with an order the pair's last run left resting.</summary>
    public static BotLog ClosedLog(int botId, DateTime at, OrderInfo order) => Line(botId, null, order.Symbol, at, LogLevels.Info,
        string.Create(CultureInfo.InvariantCulture,
            $"{order.Symbol} {order.PositionSide} - cancelled order {order.ClientOrderId}, left resting by the pair's last run, as the pair no longer trades (bot stopped or pair deactivated): {order.Status}, filled {order.FilledQuantity} of {order.Quantity}."));

    /// <summary>Why an order a pair that no longer trades left may still rest on the exchange.</summary>
    public static BotLog CloseFailedLog(int botId, DateTime at, string symbol, string error) => Line(botId, null, symbol, at, LogLevels.Warning,
        $"Could not cancel the order a pair that no longer trades left resting on {symbol}: {error}");

    private static BotLog Line(int botId, long? runId, string symbol, DateTime at, string level, string message) =>
        new() { BotId = botId, RunId = runId, Symbol = symbol, CreatedAt = at, Level = level, Message = message };

    public static void ApplyOrder(Trade trade, OrderInfo order, DateTime at)
    {
        trade.ClientOrderId = order.ClientOrderId;
        trade.ExchangeOrderId = order.ExchangeOrderId;
        trade.Quantity = Money(order.Quantity);
        trade.Price = Money(order.Price);
        trade.Status = order.Status.ToString();
        trade.FilledQuantity = Money(order.FilledQuantity);
        trade.FillPrice = order.AveragePrice is { } fill ? Money(fill) : null;
        trade.Fee = order.Fee is { } fee ? Money(fee) : null;
        trade.Pnl = order.RealisedPnl is { } pnl ? Money(pnl) : trade.Pnl;
        trade.UpdatedAt = at;
    }

    private static decimal Money(decimal value) => decimal.Round(value, 8, MidpointRounding.AwayFromZero);

    private static decimal Ratio(decimal value) => Math.Clamp(decimal.Round(value, 4, MidpointRounding.AwayFromZero), -Ratio10x4, Ratio10x4);
}
