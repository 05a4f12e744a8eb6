namespace DipTrader.Cli;

/// <summary>The streams a command reads and writes, so tests can run commands in-process.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>Process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but something failed (a pair's run, a bot, a backtest).</summary>
    public const int Failure = 1;

    /// <summary>Bad flags, bad configuration or a malformed input file; nothing was done.</summary>
    public const int BadInput = 2;
}
