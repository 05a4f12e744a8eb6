using System.Text.Json;

namespace DipTrader.Cli.Tests;

/// <summary>Runs <c>diptrader</c> in-process with captured streams.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DipTraderCli.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> ExplainAsync(string json) => RunAsync(["explain", "--input", "-"], json);
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;
}
