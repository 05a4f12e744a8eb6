using DipTrader.Bots.Configuration;
using DipTrader.Exchanges;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Running;

/// <summary>What one pair's run did: the decision and its order, or why it failed.</summary>
public sealed record PairRunResult
{
    public required PairConfiguration Pair { get; init; }
    public Decision? Decision { get; init; }

    /// <summary>The order placed, when the decision placed one.</summary>
    public OrderInfo? Order { get; init; }

    /// <summary>
    /// Why the pair's run failed: no order was placed, or the order was refused; or, with <see cref="Order"/> set, why
    /// the pair cannot trade in full although its reduce or close went ahead (its leverage could not be set).
    /// </summary>
    public string? Error { get; init; }

    public ExchangeErrorKind? ErrorKind { get; init; }
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// The previous run's order, as the exchange reported it after this run cancelled what was left of it, and any
    /// earlier order whose end only this run could learn.
    /// </summary>
    public IReadOnlyList<OrderInfo> SettledOrders { get; init; } = [];

    public bool Failed => Error is not null;

    /// <summary>The predecessor's action word: <c>managed</c>, <c>skipped</c> (rule W) or <c>error</c>.</summary>
    public string ExecutionAction => Failed ? "error" : Decision!.Rule == Rule.W ? "skipped" : "managed";

    /// <summary>One line for logs and <c>bot_logs</c>: rule, action and reason, or the error; both when an order went ahead despite one.</summary>
    public string Conclusion => !Failed
        ? Decided
        : Order is null ? $"Error: {Error}" : $"{Decided} Error: {Error}";

    private string Decided => $"{Decision!.Rule.Code()} {Decision.Action}: {Decision.Reason}";
}

/// <summary>One run of one bot over its pairs.</summary>
public sealed record BotRunResult
{
    public required BotConfiguration Bot { get; init; }
    public required RunSlot Slot { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required IReadOnlyList<PairRunResult> Pairs { get; init; }

    /// <summary>When the scheduler meant the run to start (lag = start − this); null for manual runs.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>The scheduler instance that ran it, when one did.</summary>
    public string? Instance { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;
    public int FailedPairs => Pairs.Count(p => p.Failed);
    public bool AllSucceeded => FailedPairs == 0;
}

/// <summary>
/// The closing pass of a bot that stopped running: the orders its last runs left resting were cancelled (or could not
/// be), and how they ended was learned where the exchange could tell.
/// </summary>
public sealed record BotClosingResult
{
    /// <summary>The bot, with only the pairs whose state named an order.</summary>
    public required BotConfiguration Bot { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Per pair key, the orders whose end the pass learned.</summary>
    public required IReadOnlyDictionary<string, List<OrderInfo>> Settled { get; init; }

    /// <summary>Per symbol, why its orders could not be cancelled.</summary>
    public required IReadOnlyDictionary<string, string> Failures { get; init; }

    /// <summary>Pairs whose state still names an order (its cancel failed) or an order whose end is not known yet.</summary>
    public required IReadOnlyList<PairConfiguration> Unsettled { get; init; }
}
