using System.CommandLine;
using System.Globalization;
using DipTrader.Bots.Configuration;
using DipTrader.Cli.Hosting;

namespace DipTrader.Cli.Commands;

/// <summary>
/// <c>diptrader run</c>: runs one bot — standalone from <c>.env</c> (the Python bot's file works unchanged) or
/// from the database with <c>BOT_ID</c>/<c>--bot-id</c> — once (cron) or every <c>--every</c>.
/// Exit codes: 0 every pair ran, 1 some pair failed, 2 bad configuration.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var envFile = new Option<string?>("--env-file") { Description = "The .env file to read (default: .env in the working directory, when present). The environment wins over it." };
        var botId = WholeNumberOption.Create("--bot-id", "Run this bot from the database (like BOT_ID): needs DATABASE_URL and ENCRYPTION_KEY.");
        var every = new Option<string?>("--every") { Description = $"Keep running, once per period: {DurationParser.Form}. Without it, run each pair once and exit." };
        var slotPeriod = new Option<string?>("--period") { Description = $"The schedule a one-shot run belongs to, e.g. your cron interval ({DurationParser.Form}; default 5m). A run repeated within the same period reuses its client order ids, so a crashed run retried at once places no second order." };
        var logFormat = new Option<string>("--log-format") { Description = "Log lines on stdout: json (default) or text.", DefaultValueFactory = _ => "json" };
        logFormat.AcceptOnlyFromAmong("json", "text");
        var stateDir = new Option<string>("--state-dir") { Description = "Where a standalone bot keeps its alert states and paper account (default: ./data).", DefaultValueFactory = _ => "data" };
        var command = new Command("run", "Run a bot's pairs once, or every --every, like the Python bot.") { envFile, botId, every, slotPeriod, logFormat, stateDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var period = TimeSpan.FromMinutes(5);
            var everyText = parse.GetValue(every);
            var periodText = parse.GetValue(slotPeriod);
            if (everyText is not null && !DurationParser.TryParse("--every", everyText, out period, out var everyError))
            {
                await console.Error.WriteLineAsync(everyError);
                return ExitCodes.BadInput;
            }
            if (periodText is not null && everyText is not null)
            {
                await console.Error.WriteLineAsync("--period: not with --every (the period of a repeating run is --every).");
                return ExitCodes.BadInput;
            }
            if (periodText is not null && !DurationParser.TryParse("--period", periodText, out period, out var periodError))
            {
                await console.Error.WriteLineAsync(periodError);
                return ExitCodes.BadInput;
            }
            var variables = await ReadVariablesAsync(parse.GetValue(envFile), console, cancellationToken);
            if (variables is null)
            {
                return ExitCodes.BadInput;
            }
            var id = parse.GetValue(botId);
            if (id is <= 0)
            {
                await console.Error.WriteLineAsync($"--bot-id: must be a bot's id, a whole number from 1 (got {id}).");
                return ExitCodes.BadInput;
            }
            if (id is null && variables.TryGetValue("BOT_ID", out var botIdText) && !string.IsNullOrWhiteSpace(botIdText))
            {
                if (!int.TryParse(botIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
                {
                    await console.Error.WriteLineAsync($"BOT_ID: must be a bot's id, a whole number{ValueEcho.For(variables).Got(botIdText)}.");
                    return ExitCodes.BadInput;
                }
                id = parsed;
            }
            var runner = new StandaloneRunner(console, variables, parse.GetValue(logFormat)!, parse.GetValue(stateDir)!, period, everyText is not null);
            return id is { } bot ? await runner.RunDatabaseBotAsync(bot, cancellationToken) : await runner.RunEnvBotAsync(cancellationToken);
        });
        return command;
    }

    private static async Task<Dictionary<string, string>?> ReadVariablesAsync(string? envFile, CliConsole console, CancellationToken cancellationToken)
    {
        var path = envFile ?? ".env";
        var environment = CliHost.Environment();
        var file = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            file = EnvFile.Parse(await File.ReadAllTextAsync(path, cancellationToken), environment);
        }
        else if (envFile is not null)
        {
            await console.Error.WriteLineAsync($"--env-file: no file at '{envFile}'.");
            return null;
        }
        return EnvFile.Merge(file, environment);
    }
}
