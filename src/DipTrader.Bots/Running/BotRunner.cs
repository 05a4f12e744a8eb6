using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Exchanges;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Running;

/// <summary>
/// One run of one bot over its pairs: prepare (cancel a pair's possibly resting order, set leverage when it
/// differs) → observe (one account read for the bot, market data per pair) → decide → act (at most one order
/// per pair, with a deterministic client order id) → record → notify. A pair's failure never touches the
/// other pairs. A symbol whose orders cannot be cancelled does not run; one whose leverage cannot be set only
/// reduces or closes.
/// </summary>
/// <param name="metrics">Live runs count decisions and orders; backtests pass none, so they never show up as trading.</param>
public sealed partial class BotRunner(IPairStateStore states, IRunRecorder recorder, TimeProvider time, ILogger<BotRunner> logger, BotMetrics? metrics = null)
{
    private readonly RestingOrders _restingOrders = new(states, logger);
    private readonly ExchangeLeverage _leverage = new(states, logger);

    /// <param name="scheduledAt">When the scheduler meant the run to start (recorded for lag); null for manual runs.</param>
    /// <param name="instance">The scheduler instance running it, recorded with the run.</param>
    public async Task<BotRunResult> RunAsync(BotConfiguration bot, BotVenue venue, RunSlot slot, INotifier notifier, CancellationToken cancellationToken, DateTimeOffset? scheduledAt = null, string? instance = null)
    {
        var started = time.GetUtcNow();
        using var scope = BotScope(logger, bot.Name, bot.BotId, slot.Minute);
        var saved = await states.LoadAsync(bot.Pairs, cancellationToken);
        var pairs = bot.Pairs;
        var pairStates = new Dictionary<string, PairState?>(pairs.Count, StringComparer.Ordinal);
        // Indexed loops over the run's lists: an enumerator over the interface is an allocation per loop per run.
        for (var i = 0; i < pairs.Count; i++)
        {
            pairStates[pairs[i].Key] = saved.GetValueOrDefault(pairs[i].Key);
        }
        var failures = new Dictionary<string, ExchangeException>(StringComparer.Ordinal);
        var settled = await _restingOrders.SettleAsync(bot, venue.Account, pairStates, failures, cancellationToken);
        var leverageFailures = ExchangeLeverage.NoFailures;
        AccountSnapshot? account = null;
        ExchangeException? accountFailure = null;
        try
        {
            account = await venue.Account.GetAccountAsync(cancellationToken);
        }
        catch (ExchangeException e)
        {
            accountFailure = e;
            LogAccountReadFailed(logger, e.Error.ToString());
        }
        if (account is not null)
        {
            leverageFailures = await _leverage.MatchAsync(bot, venue.Account, account, pairStates, failures, cancellationToken);
        }

        var results = new PairRunResult[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var failure = failures.GetValueOrDefault(pair.Settings.Symbol) ?? accountFailure;
            using var pairScope = PairScope(logger, pair.Settings.Symbol, pair.Settings.Side);
            var result = failure is not null
                ? Failed(pair, failure, TimeSpan.Zero)
                : await RunPairAsync(pair, venue, account!, slot, pairStates, leverageFailures.GetValueOrDefault(pair.Settings.Symbol), cancellationToken);
            if (settled.GetValueOrDefault(pair.Key) is { Count: > 0 } settledOrders)
            {
                result = result with { SettledOrders = settledOrders };
            }
            results[i] = result;
            metrics?.PairFinished(result);
            // The conclusion is built only for a logger that writes it (a backtest's does not).
            if (result.Order is { } placed)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    LogOrderPlaced(logger, result.Conclusion, placed.ClientOrderId, placed.Status);
                }
            }
            else if (result.Failed)
            {
                if (logger.IsEnabled(LogLevel.Error))
                {
                    LogPairFailed(logger, result.Conclusion);
                }
            }
            else if (logger.IsEnabled(LogLevel.Information))
            {
                LogPairResult(logger, result.Conclusion);
            }
        }
        var runResult = new BotRunResult { Bot = bot, Slot = slot, StartedAt = started, FinishedAt = time.GetUtcNow(), Pairs = results, ScheduledAt = scheduledAt, Instance = instance };
        await venue.CompleteAsync(cancellationToken);
        await RecordAsync(runResult, cancellationToken);
        await NotifyAsync(runResult, pairStates, notifier, cancellationToken);
        return runResult;
    }

    /// <summary>
    /// The closing pass of a bot that no longer runs (stopped, put in error): cancels what its last runs left resting,
    /// so no entry fills while nobody manages the position, and books how those orders ended. No decision, no order.
    /// </summary>
    /// <returns>Null when no pair's state names an order (nothing to close).</returns>
    public async Task<BotClosingResult?> CloseAsync(BotConfiguration bot, BotVenue venue, CancellationToken cancellationToken)
    {
        using var scope = BotScope(logger, bot.Name, bot.BotId, 0);
        var saved = await states.LoadAsync(bot.Pairs, cancellationToken);
        var pairs = bot.Pairs.Where(p => saved.GetValueOrDefault(p.Key) is { NamesOrders: true }).ToList();
        if (pairs.Count == 0)
        {
            return null;
        }
        var closing = bot with { Pairs = pairs };
        var pairStates = pairs.ToDictionary(p => p.Key, p => (PairState?)saved[p.Key], StringComparer.Ordinal);
        var failures = new Dictionary<string, ExchangeException>(StringComparer.Ordinal);
        var settled = await _restingOrders.SettleAsync(closing, venue.Account, pairStates, failures, cancellationToken);
        await venue.CompleteAsync(cancellationToken);
        var result = new BotClosingResult
        {
            Bot = closing,
            At = time.GetUtcNow(),
            Settled = settled,
            Failures = failures.ToDictionary(f => f.Key, f => f.Value.Error.Message, StringComparer.Ordinal),
            Unsettled = [.. pairs.Where(p => pairStates[p.Key] is { NamesOrders: true })],
        };
        try
        {
            await recorder.RecordClosingAsync(result, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(logger, e);
        }
        return result;
    }

    /// <param name="leverageFailure">Why the symbol's leverage could not be set this run: the pair then only reduces or closes.</param>
    private async ValueTask<PairRunResult> RunPairAsync(PairConfiguration pair, BotVenue venue, AccountSnapshot account, RunSlot slot, Dictionary<string, PairState?> pairStates, LeverageFailure? leverageFailure, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var settings = pair.Settings;
        try
        {
            if (account.Balance <= 0)
            {
                return new PairRunResult { Pair = pair, Error = $"The account balance is {account.Balance} USDT: there is nothing to trade with.", ErrorKind = ExchangeErrorKind.InsufficientFunds, Duration = time.GetElapsedTime(started) };
            }
            var market = await MarketObserver.ObserveAsync(venue.MarketData, settings, cancellationToken);
            var decision = MartingaleStrategy.Decide(settings, market, account);
            if (leverageFailure is not null && !decision.ReduceOnly)
            {
                // An open or add was sized for the configured leverage; a hold still says why the pair is held back.
                var error = decision.PlacesOrder ? $"The {decision.Action} order was not placed: {leverageFailure.Message}" : leverageFailure.Message;
                return new PairRunResult { Pair = pair, Decision = decision, Error = error, ErrorKind = leverageFailure.Error.Kind, Duration = time.GetElapsedTime(started) };
            }
            if (!decision.PlacesOrder)
            {
                return new PairRunResult { Pair = pair, Decision = decision, Duration = time.GetElapsedTime(started) };
            }
            var placed = await PlaceAsync(pair, venue.Account, decision, slot, pairStates, started, cancellationToken);
            return leverageFailure is null ? placed : AlsoFailed(placed, leverageFailure);
        }
        catch (ExchangeException e)
        {
            return Failed(pair, e, time.GetElapsedTime(started));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or bad data of one pair (broken contract rules, a zero close, a non-finite EMA) must not stop the
            // others, nor keep the run and their orders from being recorded. The user reads the gist; the log has the rest.
            LogPairCrashed(logger, e);
            var error = $"The run of {settings.Symbol} {settings.Side} failed unexpectedly ({e.GetType().Name}): {e.Message}";
            return new PairRunResult { Pair = pair, Error = error, Duration = time.GetElapsedTime(started) };
        }
    }

    /// <summary>Places the decision's order under the slot's client order id; a refusal is the pair's error.</summary>
    private async ValueTask<PairRunResult> PlaceAsync(PairConfiguration pair, ITradingAccount account, Decision decision, RunSlot slot, Dictionary<string, PairState?> pairStates, long started, CancellationToken cancellationToken)
    {
        var settings = pair.Settings;
        var clientOrderId = slot.ClientOrderId(pair.Key, decision.Action);
        using var orderScope = OrderScope(logger, clientOrderId);
        // Written before the order is sent: if this process dies before it hears back, the next run
        // still knows an order may be resting and cancels it first.
        var state = (pairStates[pair.Key] ?? new PairState()) with { OpenOrderId = clientOrderId };
        await states.SaveAsync(pair, state, cancellationToken);
        pairStates[pair.Key] = state;
        var request = new OrderRequest(settings.Symbol, clientOrderId, decision.Side!.Value, settings.Side, decision.Quantity!.Value, decision.Price!.Value,
            decision.PostOnly ? TimeInForce.PostOnly : TimeInForce.GoodTillCancel, decision.ReduceOnly);
        try
        {
            var order = await account.PlaceOrderAsync(request, cancellationToken);
            return new PairRunResult { Pair = pair, Decision = decision, Order = order, Duration = time.GetElapsedTime(started) };
        }
        catch (ExchangeException e)
        {
            if (e.Error.Kind == ExchangeErrorKind.DuplicateClientOrderId && await account.FindOrderAsync(settings.Symbol, settings.Side, clientOrderId, cancellationToken) is { } existing)
            {
                // This slot already placed this order (a run repeated after a crash): report it, never place a second.
                return new PairRunResult { Pair = pair, Decision = decision, Order = existing, Duration = time.GetElapsedTime(started) };
            }
            // Unavailable is an unknown outcome: the order may rest on the exchange. The saved state names it, so the next
            // run cancels it and books how it ended.
            var error = e.Error.Kind == ExchangeErrorKind.Unavailable
                ? $"The {decision.Action} order {clientOrderId} may have been placed: {e.Error.Message} The next run cancels it if it rests and records any fill."
                : $"The {decision.Action} order {clientOrderId} was not placed: {e.Error.Message}";
            return new PairRunResult { Pair = pair, Decision = decision, Error = error, ErrorKind = e.Error.Kind, Duration = time.GetElapsedTime(started) };
        }
    }

    /// <summary>A reduce or close went ahead despite the leverage failure, which the result still reports.</summary>
    private static PairRunResult AlsoFailed(PairRunResult placed, LeverageFailure failure) => placed.Error is null
        ? placed with { Error = failure.Message, ErrorKind = failure.Error.Kind }
        : placed with { Error = $"{placed.Error} {failure.Message}" };

    private async Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        try
        {
            await recorder.RecordAsync(result, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exchange is the source of truth: the run happened, and the next run reads it back.
            LogRecordFailed(logger, e);
        }
    }

    private async Task NotifyAsync(BotRunResult result, Dictionary<string, PairState?> pairStates, INotifier notifier, CancellationToken cancellationToken)
    {
        var sends = notifier.Sends;
        for (var i = 0; i < result.Pairs.Count; i++)
        {
            var pairResult = result.Pairs[i];
            var previous = pairStates[pairResult.Pair.Key];
            PairState state;
            if (sends)
            {
                (var messages, state) = NotificationComposer.Compose(pairResult, previous);
                foreach (var message in messages)
                {
                    notifier.Notify(message);
                }
            }
            else
            {
                // Nobody reads the messages, but the alert states still move on as they would with them.
                state = NotificationComposer.NextState(pairResult, previous);
            }
            if (state != previous)
            {
                await states.SaveAsync(pairResult.Pair, state, cancellationToken);
            }
        }
    }

    private static PairRunResult Failed(PairConfiguration pair, ExchangeException e, TimeSpan duration) =>
        new() { Pair = pair, Error = e.Error.Message, ErrorKind = e.Error.Kind, Duration = duration };

    private static readonly Func<ILogger, string, int?, long, IDisposable?> BotScope =
        LoggerMessage.DefineScope<string, int?, long>("bot {Bot} (id {BotId}) slot {Slot}");

    private static readonly Func<ILogger, string, PositionSide, IDisposable?> PairScope =
        LoggerMessage.DefineScope<string, PositionSide>("pair {Symbol} {Side}");

    private static readonly Func<ILogger, string, IDisposable?> OrderScope =
        LoggerMessage.DefineScope<string>("order {ClientOrderId}");

    [LoggerMessage(Level = LogLevel.Information, Message = "{Conclusion}")]
    private static partial void LogPairResult(ILogger logger, string conclusion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Conclusion} Order {ClientOrderId} is {Status}.")]
    private static partial void LogOrderPlaced(ILogger logger, string conclusion, string clientOrderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Conclusion}")]
    private static partial void LogPairFailed(ILogger logger, string conclusion);

    [LoggerMessage(Level = LogLevel.Error, Message = "The pair's run failed unexpectedly")]
    private static partial void LogPairCrashed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the account failed: {Error}")]
    private static partial void LogAccountReadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Recording the run failed; the orders were placed on the exchange and the next run reads them back")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception);
}
