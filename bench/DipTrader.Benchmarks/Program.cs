using BenchmarkDotNet.Running;
using DipTrader.Benchmarks;

// Whole-scenario benchmarks print their own figures; everything else is BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "backtest" => await BacktestScenario.RunAsync(args[1..]),
    "scheduler" => await SchedulerScenario.RunAsync(args[1..]),
    "webseed" => await WebSeedScenario.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(StrategyBenchmarks).Assembly).Run(args);
    return 0;
}
