using System.Diagnostics;
using DipTrader.Data;
using DipTrader.Exchanges.Replay;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services.Backtests;

/// <summary>
/// Runs queued backtests one at a time (a backtest takes a core; the bots' scheduler needs the rest), oldest first.
/// On start it puts back rows a crash left <c>running</c>; on shutdown it puts back the one it was running. Progress
/// is written to the row at most once a second; a row that was cancelled or deleted meanwhile stops the run.
/// </summary>
public sealed partial class BacktestWorker(
    IDbContextFactory<DipTraderDbContext> contexts,
    BacktestQueue queue,
    BacktestJob job,
    BacktestCandleFiles files,
    TimeProvider time,
    ILogger<BacktestWorker> logger) : BackgroundService
{
    /// <summary>How often the table is read without a wake-up (rows queued by another instance).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private const string UnexpectedError = "The backtest stopped on an unexpected error. Try again; if it happens again, try a shorter period or other settings.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!requeued)
                {
                    var count = await RequeueInterruptedAsync(stoppingToken);
                    requeued = true;
                    if (count > 0)
                    {
                        LogRequeued(count);
                    }
                }
                while (await ClaimNextAsync(stoppingToken) is { } claimed)
                {
                    await RunAsync(claimed.Id, claimed.Request, stoppingToken);
                }
                await queue.WaitAsync(PollInterval, time, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away; the rows wait for it.
                LogQueueFailed(e);
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
        }
    }

    private async Task<int> RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Backtests.Where(b => b.Status == BacktestStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BacktestStatus.Queued).SetProperty(b => b.Progress, 0), cancellationToken);
    }

    /// <summary>The oldest queued row, marked running by this worker (another instance may take a row first).</summary>
    private async Task<(int Id, string Request)?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var next = await db.Backtests.AsNoTracking().Where(b => b.Status == BacktestStatus.Queued)
                .OrderBy(b => b.Id).Select(b => new { b.Id, b.Request }).FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }
            var claimed = await db.Backtests.Where(b => b.Id == next.Id && b.Status == BacktestStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BacktestStatus.Running).SetProperty(b => b.Progress, 0), cancellationToken);
            if (claimed == 1)
            {
                return (next.Id, next.Request);
            }
        }
    }

    private async Task RunAsync(int id, string request, CancellationToken stoppingToken)
    {
        var spec = BacktestSpec.TryRead(request);
        if (spec is null)
        {
            await FinishAsync(id, BacktestStatus.Failed, null, "The stored request of this backtest cannot be read; create it again.");
            return;
        }
        LogStarted(id, spec.Symbol, spec.Side.ToString());
        var watch = Stopwatch.StartNew();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var running = queue.Running(id, cancel);
        var progress = new RunProgress(cancel.Token);
        var finished = true;
        try
        {
            var run = Task.Run(() => job.RunAsync(spec, progress, cancel.Token), cancel.Token);
            await WatchProgressAsync(id, run, progress, cancel);
            var stored = StoredReport.Keep(await run);
            await FinishAsync(id, BacktestStatus.Done, stored.ToJson(), null);
            LogDone(id, watch.ElapsedMilliseconds, stored.Report.Metrics.Runs, stored.TradesTotal);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the next start runs it again from the beginning.
            finished = false;
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.Backtests.Where(b => b.Id == id && b.Status == BacktestStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BacktestStatus.Queued).SetProperty(b => b.Progress, 0), CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // Cancelled or deleted by its owner: the row already says so (or is gone).
            LogCancelled(id);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or CandleCsvException)
        {
            // The backtester's and the candles' own messages name the problem.
            LogFailed(id, e.Message);
            await FinishAsync(id, BacktestStatus.Failed, null, e.Message);
        }
        catch (Exception e)
        {
            LogCrashed(e, id);
            await FinishAsync(id, BacktestStatus.Failed, null, UnexpectedError);
        }
        if (finished)
        {
            files.Delete(spec.CsvFile);
        }
    }

    /// <summary>Writes the run's progress about once a second until it ends; cancels it when its row stopped being "running".</summary>
    private async Task WatchProgressAsync(int id, Task run, RunProgress progress, CancellationTokenSource cancel)
    {
        using var timer = new PeriodicTimer(ProgressInterval, time);
        var written = 0;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, timer.WaitForNextTickAsync(CancellationToken.None).AsTask());
            if (run.IsCompleted)
            {
                return;
            }
            var percent = progress.Percent;
            if (percent == written)
            {
                continue;
            }
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancel.Token);
                var updated = await db.Backtests.Where(b => b.Id == id && b.Status == BacktestStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Progress, percent), cancel.Token);
                if (updated == 0)
                {
                    await cancel.CancelAsync();
                }
                written = percent;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Progress is a nicety: a failed write does not stop the run.
                LogProgressFailed(e, id);
            }
            catch (OperationCanceledException)
            {
                // The run is being cancelled; it ends on its own.
            }
        }
    }

    private async Task FinishAsync(int id, string status, string? report, string? error)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var query = db.Backtests.Where(b => b.Id == id && b.Status == BacktestStatus.Running);
        // A failed row keeps the progress it reached.
        _ = status == BacktestStatus.Done
            ? await query.ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, status).SetProperty(b => b.Progress, 100).SetProperty(b => b.Report, report)
                .SetProperty(b => b.Error, error).SetProperty(b => b.FinishedAt, now), CancellationToken.None)
            : await query.ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, status).SetProperty(b => b.Error, error).SetProperty(b => b.FinishedAt, now), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest {Id} ({Symbol} {Side}) started")]
    private partial void LogStarted(int id, string symbol, string side);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest {Id} done in {ElapsedMs} ms: {Runs} runs, {Fills} fills")]
    private partial void LogDone(int id, long elapsedMs, int runs, int fills);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backtest {Id} cancelled by its owner")]
    private partial void LogCancelled(int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backtest {Id} failed: {Reason}")]
    private partial void LogFailed(int id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backtest {Id} stopped on an unexpected error")]
    private partial void LogCrashed(Exception exception, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The progress of backtest {Id} could not be written")]
    private partial void LogProgressFailed(Exception exception, int id);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} backtest(s) left running by the last shutdown were queued again")]
    private partial void LogRequeued(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The backtest queue could not be read; trying again in 30 s")]
    private partial void LogQueueFailed(Exception exception);

    /// <summary>The latest progress of a run, in whole percent (99 at most until the report is stored).</summary>
    private sealed class RunProgress(CancellationToken cancellation) : IProgress<double>
    {
        private int _percent;

        public int Percent => Volatile.Read(ref _percent);

        public void Report(double value)
        {
            // Replayed candles involve no I/O, so nothing in the backtester looks at the token between runs: a cancel
            // lands here, at the next progress report (every 1,000 runs).
            cancellation.ThrowIfCancellationRequested();
            Volatile.Write(ref _percent, (int)Math.Clamp(Math.Floor(value * 100), 0, 99));
        }
    }
}
