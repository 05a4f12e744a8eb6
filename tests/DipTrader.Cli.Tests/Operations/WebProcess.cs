using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DipTrader.Cli.Tests.Operations;

/// <summary>
/// The built web app (<c>DipTrader.Web.dll</c>, copied beside the tests) as its own process on 127.0.0.1 and a free
/// port, configured only through environment variables, the way an operator starts it.
/// </summary>
internal sealed partial class WebProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebProcess(Process process)
    {
        _process = process;
    }

    private bool _disposed;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything the app wrote on stdout and stderr so far.</summary>
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

    /// <summary>Starts the app and waits until it listens (it has migrated its database by then).</summary>
    public static async Task<WebProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DipTrader.Web.dll"));
        foreach (var name in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var web = new WebProcess(process);
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.Exited += (_, _) => web._listening.TrySetException(new InvalidOperationException($"The web app exited before it listened:\n{web.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            web.BaseUrl = await web._listening.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch (TimeoutException)
        {
            web.Dispose();
            throw new TimeoutException($"The web app did not listen within 2 minutes:\n{web.Output}");
        }
        return web;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static bool IsAppSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
        || name is "DATABASE_URL" or "DATA_DIR" or "SECRET_KEY" or "ENCRYPTION_KEY" or "ENCRYPTION_KEYS" or "MIGRATE_ON_START"
            or "SCHEDULER_ENABLED" or "MARKET_DATA" or "PHEMEX_BASE_URL" or "TELEGRAM_API_URL" or "BOT_ID";

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
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
