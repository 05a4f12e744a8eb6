using System.Diagnostics;

namespace DipTrader.Benchmarks.Scheduler;

/// <summary>
/// The PostgreSQL server a scheduler benchmark runs on: the one given (<c>--pg</c> or <c>DIPTRADER_TEST_PG</c>),
/// or a throwaway cluster started and stopped with <c>scripts/lib/postgres.sh</c>, exactly as scripts/test does.
/// </summary>
internal sealed class BenchPostgres : IDisposable
{
    private readonly string? _library;
    private readonly string? _directory;
    private readonly string? _owner;

    private BenchPostgres(string connectionString, string? library, string? directory, string? owner)
    {
        ConnectionString = connectionString;
        _library = library;
        _directory = directory;
        _owner = owner;
    }

    /// <summary>An admin connection string (database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    public static BenchPostgres Open(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new BenchPostgres(given, null, null, null);
        }
        var library = FindLibrary();
        // The script prints its banner on stdout; the last line is ours.
        var output = Bash(library, "start_throwaway_postgres >&2 && echo \"$PG_TEST_DIR|$PG_TEST_OWNER|$DIPTRADER_TEST_PG\"");
        var parts = output.Trim().Split('\n')[^1].Split('|');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            throw new InvalidOperationException("scripts/lib/postgres.sh did not start a cluster: " + output);
        }
        return new BenchPostgres(parts[2], library, parts[0], parts[1]);
    }

    public void Dispose()
    {
        if (_library is not null)
        {
            Bash(_library, $"PG_TEST_DIR='{_directory}' PG_TEST_OWNER='{_owner}' stop_throwaway_postgres");
        }
    }

    private static string FindLibrary()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "scripts", "lib", "postgres.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException("scripts/lib/postgres.sh not found: run from the repository, or pass --pg with a connection string.");
    }

    private static string Bash(string library, string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -e; source '{library}'; {script}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"scripts/lib/postgres.sh failed (exit {process.ExitCode}).");
    }
}
