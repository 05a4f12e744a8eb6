using System.Diagnostics;
using System.Text;

namespace DipTrader.Deploy.Tests;

/// <summary>A child process (the web app, nginx) with its output kept for failure messages; killed with its children on dispose.</summary>
internal sealed class LoggedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LoggedProcess(Process process)
    {
        _process = process;
    }

    public string Name => Path.GetFileName(_process.StartInfo.FileName);

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LoggedProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start };
        var logged = new LoggedProcess(process);
        process.OutputDataReceived += (_, e) => logged.Append(e.Data);
        process.ErrorDataReceived += (_, e) => logged.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return logged;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
