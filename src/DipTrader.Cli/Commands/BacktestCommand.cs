using System.CommandLine;
using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Backtesting.Reports;
using DipTrader.Cli.Backtests;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Spectre.Console;

namespace DipTrader.Cli.Commands;

/// <summary>
/// <c>diptrader backtest</c>: the live bot run and strategy over 1-minute candles from CSV or the demo
/// generator, with a paper account and a simulated clock; writes the report files and prints a summary.
/// Exit codes: 0 done, 1 the backtest failed, 2 bad flags or a malformed CSV.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var csv = new Option<string[]>("--csv") { Description = "1-minute candles (unix seconds,open,high,low,close,volume), one file per --symbol in the same order.", AllowMultipleArgumentsPerToken = false };
        var demo = WholeNumberOption.Create("--demo", "Generate demo candles with this seed instead of --csv (same seed, same candles).");
        var symbol = new Option<string[]>("--symbol") { Description = "The symbol, such as BTCUSDT; repeat for several pairs sharing one balance." };
        var side = new Option<string[]>("--side") { Description = "Long (default) or Short: one for every pair, or one per --symbol." };
        var from = new Option<string?>("--from") { Description = "The first run (UTC date or time). Default: a day after the first CSV candle, or 30 days before --to with --demo." };
        var to = new Option<string?>("--to") { Description = "The last run (UTC). Default: the last candle, or today's midnight with --demo." };
        var balance = new Option<string?>("--balance") { Description = "Starting balance in USDT (default 10000)." };
        var config = new Option<string?>("--config") { Description = "Strategy settings as a JSON file (the keys of a pair's config; missing keys take their defaults)." };
        var leverage = WholeNumberOption.Create("--leverage", $"Leverage of every pair, {PairSettings.MinLeverage} to {PairSettings.MaxLeverage} (default {PairSettings.DefaultLeverage}).");
        var emaInterval = WholeNumberOption.Create("--ema-interval", $"Candle interval of the EMAs in minutes ({CandleInterval.EmaIntervalList}; default {PairSettings.DefaultEmaInterval}).");
        var every = new Option<string?>("--every") { Description = $"Run cadence, as live: {DurationParser.Form} (default 5m)." };
        var makerFee = new Option<string?>("--maker-fee") { Description = "Maker fee rate (default 0.0001)." };
        var takerFee = new Option<string?>("--taker-fee") { Description = "Taker fee rate (default 0.0006)." };
        var funding = new Option<string?>("--funding-rate") { Description = "Funding rate every 8 h, paid by longs when positive (default 0.0001)." };
        var maintenance = new Option<string?>("--maintenance-rate") { Description = "Maintenance margin rate for liquidation (default 0.005)." };
        var output = new Option<string>("--out") { Description = "Directory for the report files (default ./backtest-report).", DefaultValueFactory = _ => "backtest-report" };
        var command = new Command("backtest", "Backtest the strategy over 1-minute candles with the same bot run as live, and write a report.")
        {
            csv, demo, symbol, side, from, to, balance, config, leverage, emaInterval, every, makerFee, takerFee, funding, maintenance, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var flags = new BacktestFlags
            {
                Csv = parse.GetValue(csv) ?? [],
                DemoSeed = parse.GetValue(demo),
                Symbols = parse.GetValue(symbol) ?? [],
                Sides = parse.GetValue(side) ?? [],
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Balance = parse.GetValue(balance),
                ConfigFile = parse.GetValue(config),
                Leverage = parse.GetValue(leverage),
                EmaInterval = parse.GetValue(emaInterval),
                Every = parse.GetValue(every),
                MakerFee = parse.GetValue(makerFee),
                TakerFee = parse.GetValue(takerFee),
                FundingRate = parse.GetValue(funding),
                MaintenanceRate = parse.GetValue(maintenance),
            };
            var (request, errors) = await BacktestInputs.BuildAsync(flags, time, cancellationToken);
            if (request is null)
            {
                foreach (var error in errors)
                {
                    await console.Error.WriteLineAsync(error);
                }
                await console.Error.WriteLineAsync("Run 'diptrader backtest --help' to see the allowed flags and values.");
                return ExitCodes.BadInput;
            }
            return await RunAsync(console, request, parse.GetValue(output)!, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, BacktestRequest request, string directory, CancellationToken cancellationToken)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Interactive = IsTerminal(console) ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = IsTerminal(console) ? AnsiSupport.Detect : AnsiSupport.No,
        });
        BacktestReport report;
        try
        {
            var backtester = new Backtester();
            if (IsTerminal(console))
            {
                report = await terminal.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("Backtesting", maxValue: 1.0);
                        return await backtester.RunAsync(request, new Progress<double>(p => task.Value = p), cancellationToken);
                    });
            }
            else
            {
                report = await backtester.RunAsync(request, null, cancellationToken);
            }
            await BacktestFiles.WriteAsync(report, directory, ChartLibrary(), cancellationToken);
            BacktestPng.Save(report, Path.Combine(directory, "report.png"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("Backtest cancelled.");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"--out: could not write the report to '{directory}': {e.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            await console.Error.WriteLineAsync($"--out: could not write the report to '{directory}': {e.Message}");
            return ExitCodes.Failure;
        }
        BacktestSummary.Write(terminal, report, directory);
        return ExitCodes.Success;
    }

    // Progress bars only make sense on a real terminal, not in a pipe, a file or a test's writer.
    private static bool IsTerminal(CliConsole console) => ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>The chart library the HTML report loads, shipped next to the executable (see the csproj).</summary>
    private static string? ChartLibrary()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "lib", BacktestHtml.ChartLibraryFile);
        return File.Exists(path) ? path : null;
    }
}
