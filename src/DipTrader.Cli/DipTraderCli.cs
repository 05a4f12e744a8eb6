using System.CommandLine;
using DipTrader.Cli.Commands;

namespace DipTrader.Cli;

/// <summary>Builds the <c>diptrader</c> command tree and runs it with DipTrader's exit codes.</summary>
public static class DipTraderCli
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("DipTrader: buy-the-dip martingale bots for Phemex USDT perpetuals.");
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(BacktestCommand.Create(console, TimeProvider.System));
        root.Subcommands.Add(DatabaseCommands.Migrate(console));
        root.Subcommands.Add(DatabaseCommands.Keygen(console));
        root.Subcommands.Add(DatabaseCommands.Keys(console));
        root.Subcommands.Add(BackupCommands.Backup(console));
        root.Subcommands.Add(BackupCommands.Restore(console));
        root.Subcommands.Add(SchedulerCommands.RunAll(console));
        root.Subcommands.Add(SchedulerCommands.Worker(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parsed = root.Parse(args);
        // On SIGTERM or Ctrl+C a command gets this long to finish cleanly (a repeating bot cancels what its last run left
        // resting; a worker lets its runs end) before the process exits anyway: within docker's and systemd's grace.
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync(error.Message);
            }
            var command = parsed.CommandResult.Command;
            var name = command == root ? "diptrader" : $"diptrader {command.Name}";
            await console.Error.WriteLineAsync($"Run '{name} --help' to see the allowed flags and values.");
            return ExitCodes.BadInput;
        }
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
