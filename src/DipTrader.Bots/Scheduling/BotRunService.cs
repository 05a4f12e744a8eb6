using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Bots.Venues;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Exchanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DipTrader.Bots.Scheduling;

public enum ScheduledRunOutcome
{
    /// <summary>At least one pair ran.</summary>
    Succeeded,

    /// <summary>Nothing ran: every pair failed, the run threw or timed out, or the bot could not be loaded.</summary>
    Failed,

    /// <summary>The bot is no longer running (stopped, deleted, or put in error): nothing to do.</summary>
    NotRunning,

    /// <summary>The bot is backing off after failed runs: this fire is skipped.</summary>
    BackingOff,
}

/// <summary>
/// One scheduled run of a database bot, isolated from every other: its own timeout, its failures counted,
/// backed off and finally turned into the <c>error</c> state with a message to the owner.
/// </summary>
public sealed partial class BotRunService(
    IDbContextFactory<DipTraderDbContext> contexts,
    DatabaseConfigSource configs,
    VenueFactory venues,
    BotRunner runner,
    NotifierFactory notifiers,
    LogNotifier log,
    IOptions<SchedulerOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<BotRunService> logger)
{
    public async Task<(ScheduledRunOutcome Outcome, TimeSpan? Backoff)> RunAsync(int botId, DateTimeOffset scheduledAt, TimeSpan period, string? instance, CancellationToken cancellationToken)
    {
        // Every line of the run, loading and failure counting included, says which bot it is about.
        using var scope = BotScope(logger, botId);
        var started = time.GetTimestamp();
        var result = await RunOnceAsync(botId, scheduledAt, period, instance, cancellationToken);
        metrics.RunFinished(result.Outcome, time.GetElapsedTime(started));
        return result;
    }

    private async Task<(ScheduledRunOutcome Outcome, TimeSpan? Backoff)> RunOnceAsync(int botId, DateTimeOffset scheduledAt, TimeSpan period, string? instance, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetUtcNow();
        if (await BackingOffUntilAsync(botId, cancellationToken) is { } until && until > started.UtcDateTime)
        {
            return (ScheduledRunOutcome.BackingOff, until - started.UtcDateTime);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RunTimeout);
        BotConfiguration? bot = null;
        string? error;
        try
        {
            var loaded = await configs.LoadAsync(botId, timeout.Token);
            if (!loaded.IsValid)
            {
                if (!await IsRunningAsync(botId, cancellationToken))
                {
                    return (ScheduledRunOutcome.NotRunning, null);
                }
                error = string.Join(" ", loaded.Errors.Select(e => e.Message));
                // It cannot run (no active pair, a broken setting), but what its pairs left resting is still cancelled.
                await CloseAsync(botId, pass: 1, passes: int.MaxValue, cancellationToken);
            }
            else
            {
                bot = loaded.Value!;
                var venue = await venues.OpenAsync(bot, timeout.Token);
                if (bot.InactivePairs.Count > 0)
                {
                    // Before the run: a cancel on a symbol an active pair shares must not catch the order this run places.
                    await runner.CloseAsync(bot with { Pairs = bot.InactivePairs }, venue, timeout.Token);
                }
                var result = await runner.RunAsync(bot, venue, RunSlot.Containing(scheduledAt, period), notifiers.For(bot), timeout.Token, scheduledAt, instance);
                if (result.Pairs.Any(p => !p.Failed))
                {
                    await ResetFailuresAsync(botId, cancellationToken);
                    return (ScheduledRunOutcome.Succeeded, null);
                }
                error = result.Pairs.FirstOrDefault(p => p.Failed)?.Error ?? "Every pair failed.";
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            error = $"The run took longer than {settings.RunTimeout.TotalSeconds:0} s and was stopped.";
            await RecordAbortedAsync(botId, scheduledAt, started, instance, RunOutcomes.Timeout, error, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One bot's bug or broken venue never reaches the scheduler or the other bots.
            LogRunCrashed(logger, botId, e);
            error = e is ExchangeException exchange ? exchange.Error.Message : $"The run failed unexpectedly ({e.GetType().Name}).";
            await RecordAbortedAsync(botId, scheduledAt, started, instance, RunOutcomes.Error, error, cancellationToken);
        }
        return (ScheduledRunOutcome.Failed, await CountFailureAsync(botId, bot, error, cancellationToken));
    }

    /// <summary>
    /// The closing pass of a bot that no longer runs: cancels what its last runs left resting and books how it ended.
    /// </summary>
    /// <param name="pass">This pass's number, from 1.</param>
    /// <param name="passes">The passes allowed: after the last, the owner is told what may still rest and the state forgets it.</param>
    /// <returns>True when nothing is left to close (or nothing can be: the bot is gone, or its keys cannot be read), or this was the last pass.</returns>
    public async Task<bool> CloseAsync(int botId, int pass, int passes, CancellationToken cancellationToken)
    {
        using var scope = BotScope(logger, botId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RunTimeout);
        try
        {
            var loaded = await configs.LoadAsync(botId, timeout.Token, closing: true);
            if (!loaded.IsValid)
            {
                return true;
            }
            var bot = loaded.Value!;
            var venue = await venues.OpenAsync(bot, timeout.Token);
            if (await runner.CloseAsync(bot, venue, timeout.Token) is not { Unsettled.Count: > 0 })
            {
                return true;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Timed out: counts as a pass that could not finish.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunCrashed(logger, botId, e);
        }
        if (pass < passes)
        {
            return false;
        }
        await GiveUpClosingAsync(botId, passes, cancellationToken);
        return true;
    }

    /// <summary>
    /// Tells the owner what may still rest, and forgets it: the pair's state no longer names the order, so the pair and
    /// the bot can be deleted (the log line is the record of it).
    /// </summary>
    private async Task GiveUpClosingAsync(int botId, int passes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var at = time.GetUtcNow().UtcDateTime;
        foreach (var row in await db.TradingPairs.Where(p => p.BotId == botId).ToListAsync(cancellationToken))
        {
            if (PairState.FromJson(row.AlertState) is not { NamesOrders: true } state)
            {
                continue;
            }
            row.AlertState = (state with { OpenOrderId = null, PendingLookups = [] }).ToJson();
            db.BotLogs.Add(new BotLog
            {
                BotId = botId, Level = LogLevels.Warning, CreatedAt = at, Symbol = row.Symbol,
                Message = $"Bot not running: gave up settling {row.Symbol} {row.Side} after {passes} {(passes == 1 ? "try" : "tries")}. An order of its last run may still rest on the exchange: check its open orders there.",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Closing passes the scheduler tries for a bot that no longer runs before its job ends (one per period after the first).</summary>
    public const int ClosingAttempts = 3;

    /// <summary>Counts a failed run; returns the back-off before the next run, or null when the bot was put in error.</summary>
    private async Task<TimeSpan?> CountFailureAsync(int botId, BotConfiguration? bot, string error, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Bots.SingleOrDefaultAsync(b => b.Id == botId, cancellationToken);
        if (row is null || row.Status != BotStatus.Running)
        {
            return null;
        }
        row.ConsecutiveFailures++;
        row.LastError = Truncate(error);
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (row.ConsecutiveFailures >= settings.MaxConsecutiveFailures)
        {
            row.Status = BotStatus.Error;
            row.NextRunAt = null;
            db.BotLogs.Add(new BotLog { BotId = botId, Level = LogLevels.Error, CreatedAt = row.UpdatedAt, Message = $"Bot stopped after {row.ConsecutiveFailures} failed runs in a row: {row.LastError}" });
            await db.SaveChangesAsync(cancellationToken);
            var notifier = bot is null ? log : notifiers.For(bot);
            notifier.Notify(new Notification(NotificationKind.RunFailed, "🛑", $"Bot stopped: {row.Name}",
                [new("Why", $"{row.ConsecutiveFailures} runs in a row failed"), new("Last error", row.LastError)],
                "Fix the cause (keys, pairs, exchange), then start the bot again."));
            LogBotErrored(logger, botId, row.ConsecutiveFailures, row.LastError);
            return null;
        }
        var minutes = Math.Min(Math.Pow(2, row.ConsecutiveFailures - 1), settings.MaxBackoffMinutes);
        var backoff = settings.MinuteLength * minutes;
        row.NextRunAt = (time.GetUtcNow() + backoff).UtcDateTime;
        db.BotLogs.Add(new BotLog { BotId = botId, Level = LogLevels.Warning, CreatedAt = row.UpdatedAt, Message = $"Run failed ({row.ConsecutiveFailures} in a row); next try in {minutes:0} min: {row.LastError}" });
        await db.SaveChangesAsync(cancellationToken);
        return backoff;
    }

    private async Task ResetFailuresAsync(int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Bots.Where(b => b.Id == botId && (b.ConsecutiveFailures != 0 || b.LastError != null || b.NextRunAt != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ConsecutiveFailures, 0)
                .SetProperty(b => b.LastError, (string?)null)
                .SetProperty(b => b.NextRunAt, (DateTime?)null), cancellationToken);
    }

    /// <summary>A failing bot's <c>next_run_at</c>: fires before it are skipped (back-off without touching the schedule).</summary>
    private async Task<DateTime?> BackingOffUntilAsync(int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only a running bot backs off: a stopped one goes straight to its closing pass.
        return await db.Bots.AsNoTracking().Where(b => b.Id == botId && b.Status == BotStatus.Running).Select(b => b.NextRunAt).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<bool> IsRunningAsync(int botId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Bots.AnyAsync(b => b.Id == botId && b.Status == BotStatus.Running, cancellationToken);
    }

    private async Task RecordAbortedAsync(int botId, DateTimeOffset scheduledAt, DateTimeOffset started, string? instance, string outcome, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.BotRuns.Add(new BotRun
        {
            BotId = botId,
            ScheduledAt = scheduledAt.UtcDateTime,
            StartedAt = started.UtcDateTime,
            FinishedAt = now.UtcDateTime,
            Outcome = outcome,
            DurationMs = (int)(now - started).TotalMilliseconds,
            Error = Truncate(error),
            Instance = instance,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    private static readonly Func<ILogger, int, IDisposable?> BotScope = LoggerMessage.DefineScope<int>("scheduled run of bot {BotId}");

    [LoggerMessage(Level = LogLevel.Error, Message = "The run of bot {BotId} crashed")]
    private static partial void LogRunCrashed(ILogger logger, int botId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot {BotId} put in error after {Failures} failed runs: {Error}")]
    private static partial void LogBotErrored(ILogger logger, int botId, int failures, string error);
}
