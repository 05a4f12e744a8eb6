using System.Diagnostics;
using System.Diagnostics.Metrics;
using DipTrader.Bots.Scheduling;
using DipTrader.Exchanges;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Running;

/// <summary>
/// What live bots do, on the <c>DipTrader.Bots</c> meter: runs by outcome, decisions by rule and action, orders
/// placed and rejected. Tags are low-cardinality on purpose (no bot id, no symbol): per-bot detail is in the
/// database and the admin health page.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "DipTrader.Bots";
    public const string RunsName = "diptrader.bot.runs";
    public const string RunDurationName = "diptrader.bot.run.duration";
    public const string DecisionsName = "diptrader.bot.decisions";
    public const string OrdersPlacedName = "diptrader.bot.orders.placed";
    public const string OrdersRejectedName = "diptrader.bot.orders.rejected";
    public const string PairFailuresName = "diptrader.bot.pair.failures";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<long> _ordersRejected;
    private readonly Counter<long> _pairFailures;

    public BotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>(RunsName, "{run}", "Scheduled bot runs by outcome (succeeded, failed, backing_off, not_running).");
        _runDuration = meter.CreateHistogram<double>(RunDurationName, "s", "How long a scheduled bot run took, by outcome.");
        _decisions = meter.CreateCounter<long>(DecisionsName, "{decision}", "Strategy decisions by the rule that fired and the action.");
        _ordersPlaced = meter.CreateCounter<long>(OrdersPlacedName, "{order}", "Orders the exchange accepted, by action.");
        _ordersRejected = meter.CreateCounter<long>(OrdersRejectedName, "{order}", "Orders the exchange refused, or a refused leverage change held back, by action and error kind.");
        _pairFailures = meter.CreateCounter<long>(PairFailuresName, "{pair}", "Pair runs that failed before deciding (account, cancel or market data), by error kind.");
    }

    public void RunFinished(ScheduledRunOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList { { "outcome", OutcomeTag(outcome) } };
        _runs.Add(1, tags);
        if (outcome is ScheduledRunOutcome.Succeeded or ScheduledRunOutcome.Failed)
        {
            _runDuration.Record(duration.TotalSeconds, tags);
        }
    }

    /// <summary>Counts what one pair's run did: its decision, and the order placed or refused.</summary>
    public void PairFinished(PairRunResult result)
    {
        if (result.Decision is { } decision)
        {
            var action = decision.Action.ToString();
            _decisions.Add(1, new TagList { { "rule", decision.Rule.Code() }, { "action", action } });
            if (result.Order is not null)
            {
                _ordersPlaced.Add(1, new TagList { { "action", action } });
            }
            else if (decision.PlacesOrder && result.Failed)
            {
                _ordersRejected.Add(1, new TagList { { "action", action }, { "kind", KindTag(result.ErrorKind) } });
            }
        }
        else if (result.Failed)
        {
            _pairFailures.Add(1, new TagList { { "kind", KindTag(result.ErrorKind) } });
        }
    }

    private static string KindTag(ExchangeErrorKind? kind) => kind?.ToString() ?? "Unknown";

    private static string OutcomeTag(ScheduledRunOutcome outcome) => outcome switch
    {
        ScheduledRunOutcome.Succeeded => "succeeded",
        ScheduledRunOutcome.Failed => "failed",
        ScheduledRunOutcome.BackingOff => "backing_off",
        _ => "not_running",
    };
}
