using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DipTrader.Data.Tests.Security;

/// <summary>
/// Runs a snippet with the machine's python3 and its <c>cryptography</c> and <c>werkzeug</c> (the
/// predecessor's libraries), to check that Python accepts what we write. Tests skip, with the reason,
/// where those are not installed.
/// </summary>
internal static class PythonReference
{
    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    public static void SkipUnlessAvailable()
    {
        if (MissingReason.Value is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="input"/> on stdin; returns stdout.</summary>
    public static string Run(string script, string input)
    {
        var (exitCode, output, error) = Execute(script, input);
        Assert.True(exitCode == 0, $"python3 failed ({exitCode}): {error}");
        return output;
    }

    private static string? FindMissingReason()
    {
        try
        {
            var (exitCode, _, error) = Execute("import cryptography.fernet, werkzeug.security", "");
            return exitCode == 0
                ? null
                : "python3 lacks the predecessor's libraries (pip install cryptography werkzeug): " + error.Trim();
        }
        catch (Win32Exception)
        {
            return "python3 is not installed, so the cross-check with Python's cryptography/werkzeug cannot run.";
        }
    }

    private static (int ExitCode, string Output, string Error) Execute(string script, string input)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python3 did not finish within 2 minutes.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
