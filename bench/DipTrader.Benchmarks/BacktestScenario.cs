using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DipTrader.Bots.Backtesting;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Benchmarks;

/// <summary>
/// One year of 1-minute demo candles per pair, at the live 5-minute cadence, through the real backtester.
/// Prints wall time, candles per second and peak memory. Usage: <c>backtest [--pairs N] [--days D] [--repeat R]</c>.
/// </summary>
internal static class BacktestScenario
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT", "LTCUSDT", "DOTUSDT", "LINKUSDT", "AVAXUSDT"];

    public static async Task<int> RunAsync(string[] args)
    {
        var pairs = Option(args, "--pairs", 1);
        var days = Option(args, "--days", 365);
        var repeat = Option(args, "--repeat", 3);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var history = TimeSpan.FromDays(1);
        var candles = Symbols.Take(pairs).ToDictionary(
            s => s,
            s => DemoCandles.Generate(s, seed: 7, start - history, start + TimeSpan.FromDays(days)).Minutes,
            StringComparer.Ordinal);
        var request = new BacktestRequest
        {
            Pairs = [.. Symbols.Take(pairs).Select((s, i) => PairSettings.Create(s, i % 2 == 0 ? PositionSide.Long : PositionSide.Short))],
            Candles = candles,
            From = start,
        };
        var minutes = candles.Values.Sum(c => c.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backtest: {pairs} pair(s), {days} days, {minutes:N0} 1-minute candles, cadence 5 min"));
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            // CPU time next to wall time: on a shared machine the wall time also counts waiting for a core.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = await new Backtester().RunAsync(request, null, CancellationToken.None);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            collections = GC.CollectionCount(0) - collections;
            paused = GC.GetTotalPauseDuration() - paused;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            times.Add(watch.Elapsed.TotalSeconds);
            // Reasons are written when a decision is read: the timed run keeps their numbers. Reading them all is what
            // the CLI's decisions file costs on top (the web report keeps the last few thousand), shown on its own.
            var reading = Stopwatch.StartNew();
            var reasonChars = 0L;
            foreach (var decision in report.Decisions)
            {
                reasonChars += decision.Reason.Length;
            }
            reading.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {i + 1}: {watch.Elapsed.TotalSeconds:0.000} s (CPU {cpu.TotalSeconds:0.000} s), {minutes / watch.Elapsed.TotalSeconds:N0} candles/s, {report.Metrics.Runs:N0} runs, {report.Metrics.Trades} fills, return {report.Metrics.Return:P2}, {allocated / report.Metrics.Runs:N0} B allocated per run, {collections} GCs ({paused.TotalMilliseconds:0} ms paused); reading all {report.Decisions.Count:N0} decisions' reasons ({reasonChars:N0} chars) {reading.Elapsed.TotalSeconds:0.000} s; digest {Digest(report)}"));
        }
        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {median:0.000} s = {minutes / median:N0} candles/s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB"));
        return 0;
    }

    /// <summary>
    /// A hash of everything the report holds (every decision with its reason, chart points, fills, figures),
    /// so a speed-up can show it changed no decision.
    /// </summary>
    private static string Digest(BacktestReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Metrics with { RuleCounts = new Dictionary<string, int>() }}");
        text.AppendJoin('\n', report.Metrics.RuleCounts).AppendLine();
        text.AppendJoin('\n', report.Decisions).AppendLine();
        text.AppendJoin('\n', report.Trades).AppendLine();
        text.AppendJoin('\n', report.Liquidations).AppendLine();
        text.AppendJoin('\n', report.Equity).AppendLine();
        foreach (var (key, points) in report.Prices.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(key).AppendJoin('\n', points).AppendLine();
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
