using System.Threading.Channels;

namespace DipTrader.Web.Services.Backtests;

/// <summary>
/// Between the pages and the worker. The database is the queue (rows with status <c>queued</c>, oldest first);
/// this channel only wakes the worker when a row is added, and lets a page cancel the run in progress at once.
/// </summary>
public sealed class BacktestQueue
{
    // One pending wake-up is enough: the worker drains every queued row each time it wakes.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private (int Id, CancellationTokenSource Cancel)? _running;

    public void Wake() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or the timeout (rows queued by another instance are found by polling).</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _wakeUps.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: look at the table again.
        }
    }

    /// <summary>Marks <paramref name="id"/> as the run in progress until the answer is disposed.</summary>
    public IDisposable Running(int id, CancellationTokenSource cancel)
    {
        lock (_gate)
        {
            _running = (id, cancel);
        }
        return new Release(this, id);
    }

    /// <summary>Stops the run of <paramref name="id"/> if this instance is running it.</summary>
    public void Cancel(int id)
    {
        lock (_gate)
        {
            if (_running is { } running && running.Id == id)
            {
                running.Cancel.Cancel();
            }
        }
    }

    private sealed class Release(BacktestQueue queue, int id) : IDisposable
    {
        public void Dispose()
        {
            lock (queue._gate)
            {
                if (queue._running?.Id == id)
                {
                    queue._running = null;
                }
            }
        }
    }
}
