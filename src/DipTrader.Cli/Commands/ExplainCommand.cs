using System.CommandLine;
using DipTrader.Trading.Explain;

namespace DipTrader.Cli.Commands;

/// <summary><c>diptrader explain</c>: what would the strategy do with this snapshot, and why.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Snapshot JSON file (settings, market, account); '-' reads standard input.",
            Required = true,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: json (default) or text for a person.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("explain", "Print the strategy's decision for a market and account snapshot, with the rule and reason.")
        {
            input,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(input)!;
            string json;
            if (path == "-")
            {
                json = await console.In.ReadToEndAsync(cancellationToken);
            }
            else if (!File.Exists(path))
            {
                await console.Error.WriteLineAsync($"--input: no file at '{path}'.");
                return ExitCodes.BadInput;
            }
            else
            {
                json = await File.ReadAllTextAsync(path, cancellationToken);
            }
            var snapshot = ExplainSnapshot.Parse(json);
            if (!snapshot.IsValid)
            {
                foreach (var error in snapshot.Errors)
                {
                    await console.Error.WriteLineAsync(error.ToString());
                }
                return ExitCodes.BadInput;
            }
            var decision = snapshot.Value!.Decide();
            var output = parseResult.GetValue(format) == "text"
                ? DecisionText.Format(snapshot.Value.Pair, decision)
                : DecisionJson.Write(decision) + Environment.NewLine;
            await console.Out.WriteAsync(output);
            return ExitCodes.Success;
        });
        return command;
    }
}
