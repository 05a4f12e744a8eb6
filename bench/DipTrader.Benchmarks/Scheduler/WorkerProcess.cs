using System.Diagnostics;

namespace DipTrader.Benchmarks.Scheduler;

/// <summary>This benchmark's executable started again as the worker (<c>scheduler --worker</c>) with the given environment.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = [];
    private WorkerStats? _stats;
    private int _logLines;

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int LogLines => Volatile.Read(ref _logLines);

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet DipTrader.Benchmarks.dll`, the host needs the assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }
        start.ArgumentList.Add("scheduler");
        start.ArgumentList.Add("--worker");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Interlocked.Increment(ref worker._logLines);
            }
        };
        process.ErrorDataReceived += (_, e) => worker.OnError(e.Data);
        process.Exited += (_, _) => worker._ready.TrySetException(new InvalidOperationException("The worker exited: " + worker.Errors()));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public async Task WaitReadyAsync(TimeSpan timeout) => await _ready.Task.WaitAsync(timeout);

    /// <summary>Closes the worker's input (it stops gracefully) and returns the figures it printed.</summary>
    public async Task<WorkerStats?> StopAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        return _stats;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line == "worker-ready")
        {
            _ready.TrySetResult();
        }
        else if (WorkerStats.Parse(line) is { } stats)
        {
            _stats = stats;
        }
        else
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
            Console.Error.WriteLine("  worker: " + line);
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return string.Join(Environment.NewLine, _errors.TakeLast(20));
        }
    }
}
