using System.Diagnostics;
using System.Globalization;
using DipTrader.Benchmarks.Scheduler;
using DipTrader.Data.Entities;
using DipTrader.Data.Security;
using DipTrader.Testing.Databases;
using DipTrader.Testing.FakePhemex;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DipTrader.Benchmarks;

/// <summary>
/// The scheduler at scale (issue 7): a worker process (the services of <c>diptrader worker</c>: Quartz on the
/// clustered PostgreSQL store, BotRunService, BotRunner) runs <c>--bots</c> bots × <c>--pairs</c> pairs over
/// <c>--symbols</c> symbols against the fake Phemex server on loopback. Every bot is due at the same moment, so
/// a cycle is the worst case: the whole cycle's work in one burst. Two cycles are measured: the first after
/// seeding (pairs that ran before, flat accounts), the second one period later with the first's orders resting.
/// Prints wall time, runs/s, run latency, requests per pair-run (market data vs private, counted by the fake) and
/// the worker's peak memory; with <c>--compare N</c>, the same for N bots to show market data does not grow with bots.
/// Usage: <c>scheduler [--bots 1000] [--pairs 10] [--symbols 20] [--repeat 3] [--compare 100] [--cycles 2]
/// [--minute 00:00:20] [--cold] [--pg CONNECTION] [--set Name=Value ...]</c>.
/// </summary>
internal static class SchedulerScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == "--worker")
        {
            return await SchedulerWorker.RunAsync();
        }
        var options = new Options(args);
        using var postgres = BenchPostgres.Open(options.Text("--pg", Environment.GetEnvironmentVariable("DIPTRADER_TEST_PG")));
        // TestDatabase makes each run's database from a migrated template on this server.
        Environment.SetEnvironmentVariable("DIPTRADER_TEST_PG", postgres.ConnectionString);
        var minute = TimeSpan.Parse(options.Text("--minute", "00:00:20")!, CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduler: {options.Bots} bots x {options.Pairs} pairs over {options.Symbols} symbols, run every 5 min with a {minute.TotalSeconds:0} s minute (period {minute.TotalSeconds * 5:0} s), {options.Cycles} cycle(s), {(options.Cold ? "new pairs" : "pairs that ran before")}; machine load {Load()}"));

        var results = new List<RunResult>();
        for (var i = 0; i < options.Repeat; i++)
        {
            results.Add(await RunOnceAsync(options, options.Bots, minute, $"run {i + 1}"));
        }
        RunResult? compare = null;
        if (options.Compare > 0)
        {
            compare = await RunOnceAsync(options, options.Compare, minute, $"compare {options.Compare} bots");
        }
        Summarise(options, results, compare);
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(Options options, int bots, TimeSpan minute, string label)
    {
        var token = CancellationToken.None;
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres, token);
        await using var phemex = await FakePhemexServer.StartAsync(new FakePhemexOptions
        {
            // Phemex's per-key budgets as they are; the per-IP budget raised (also in the worker), so the figures
            // measure this machine rather than one IP's 5,000 requests per 5 minutes.
            ContractCapacity = 500,
            OthersCapacity = 100,
            IpCapacity = 10_000_000,
        }, token);
        var symbols = SchedulerSeed.AddSymbols(phemex, options.Symbols);
        var key = SecretBox.GenerateKey();
        var seeding = Stopwatch.StartNew();
        await SchedulerSeed.SeedAsync(database, phemex, SecretBox.Create(null, key), symbols, bots, options.Pairs, !options.Cold, DateTime.UtcNow.AddHours(1), token);
        seeding.Stop();

        // Every bot due at the same moment, far enough ahead for the worker to start and schedule them all.
        var lead = TimeSpan.FromSeconds(options.Number("--lead", 8 + bots / 50));
        var dueAt = TruncateToMilliseconds(DateTime.UtcNow + lead);
        await using (var db = database.CreateContext())
        {
            await db.Bots.ExecuteUpdateAsync(s => s.SetProperty(b => b.NextRunAt, dueAt), token);
        }
        var schedulerName = $"bench-{Guid.NewGuid():N}";
        using var worker = WorkerProcess.Start(new Dictionary<string, string>(options.Settings)
        {
            ["DATABASE_URL"] = new NpgsqlConnectionStringBuilder(database.Connection.ConnectionString) { MaxPoolSize = 100 }.ConnectionString,
            ["ENCRYPTION_KEY"] = key,
            ["PHEMEX_BASE_URL"] = phemex.BaseUrl.ToString(),
            ["MARKET_DATA"] = "phemex",
            ["SCHEDULER_NAME"] = schedulerName,
            ["SCHEDULER_INSTANCE"] = "bench",
            ["Scheduler__MinuteLength"] = minute.ToString("c", CultureInfo.InvariantCulture),
            ["Phemex__RateLimits__IpCapacity"] = "10000000",
        });
        var started = Stopwatch.StartNew();
        await worker.WaitReadyAsync(TimeSpan.FromMinutes(2));
        var ready = started.Elapsed;
        var scheduled = await WaitScheduledAsync(database, schedulerName, bots, dueAt);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"  {label} (load {Load()}): seeded in {seeding.Elapsed.TotalSeconds:0.0} s; worker up in {ready.TotalSeconds:0.0} s, all {bots} bots scheduled {(scheduled is { } s ? $"{s.TotalSeconds:0.0} s after start" : "LATE: after the due time, raise --lead")}"),
        };

        var cycles = new List<CycleFigures>();
        var seen = 0;
        var period = minute * 5;
        for (var cycle = 0; cycle < options.Cycles; cycle++)
        {
            var due = dueAt + period * cycle;
            var runs = await WaitCycleAsync(database, bots, cycle + 1, TimeSpan.FromMinutes(options.Number("--timeout", 10)));
            var all = phemex.Requests.All;
            var requests = RequestCounts.Of(all.Skip(seen));
            seen = all.Count;
            var figures = CycleFigures.From(runs, due, requests);
            cycles.Add(figures);
            lines.Add(figures.Describe($"cycle {cycle + 1}"));
            if (cycle + 1 < options.Cycles && DateTime.UtcNow > due + period)
            {
                lines.Add("    (this cycle overran the period: the next one starts late)");
            }
        }
        var stats = await worker.StopAsync();
        lines.Add(stats is null
            ? "    worker: no memory figures (it did not stop cleanly)"
            : string.Create(CultureInfo.InvariantCulture,
                $"    worker: peak working set {stats.PeakWorkingSet / 1048576.0:0} MiB, GC heap {stats.HeapSize / 1048576.0:0} MiB at exit, {stats.Allocated / 1048576.0:N0} MiB allocated, GCs {stats.Gen0}/{stats.Gen1}/{stats.Gen2}, GC pauses {stats.PauseMs:0} ms, CPU {stats.CpuSeconds:0.0} s, {worker.LogLines:N0} log lines"));
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
        return new RunResult(bots, cycles, stats);
    }

    /// <summary>How long after the worker started every bot had its Quartz trigger; null if that happened after the due time.</summary>
    private static async Task<TimeSpan?> WaitScheduledAsync(TestDatabase database, string schedulerName, int bots, DateTime dueAt)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(database.Connection.ConnectionString);
        await connection.OpenAsync();
        while (DateTime.UtcNow < dueAt.AddMinutes(5))
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers WHERE sched_name = @name", connection);
            command.Parameters.AddWithValue("name", schedulerName);
            if ((long)(await command.ExecuteScalarAsync())! >= bots)
            {
                return DateTime.UtcNow <= dueAt ? watch.Elapsed : null;
            }
            await Task.Delay(200);
        }
        return null;
    }

    /// <summary>Waits until every bot has finished its <paramref name="cycle"/>-th run; returns those runs.</summary>
    private static async Task<List<BotRun>> WaitCycleAsync(TestDatabase database, int bots, int cycle, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await using var connection = new NpgsqlConnection(database.Connection.ConnectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM (SELECT bot_id FROM bot_runs GROUP BY bot_id HAVING count(*) >= @cycle) done", connection);
            command.Parameters.AddWithValue("cycle", (long)cycle);
            var done = (long)(await command.ExecuteScalarAsync())!;
            if (done >= bots)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {done} of {bots} bots finished cycle {cycle} in {timeout.TotalMinutes:0} min.");
            }
            await Task.Delay(250);
        }
        await using var db = database.CreateContext();
        var runs = await db.BotRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        return [.. runs.GroupBy(r => r.BotId).Select(g => g.OrderBy(r => r.StartedAt).ElementAt(cycle - 1))];
    }

    private static void Summarise(Options options, List<RunResult> results, RunResult? compare)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {results.Count} run(s), {options.Bots} bots x {options.Pairs} pairs:"));
        for (var cycle = 0; cycle < options.Cycles; cycle++)
        {
            var figures = results.Select(r => r.Cycles[cycle]).ToList();
            double Median(Func<CycleFigures, double> value) => Median2(figures.Select(value));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cycle {cycle + 1}: wall {Median(f => f.WallSeconds):0.0} s (goal < 60 s), {Median(f => f.RunsPerSecond):0.0} runs/s = {Median(f => f.PairRunsPerSecond):0} pair-runs/s, latency p50 {Median(f => f.LatencyP50Ms):0} ms p99 {Median(f => f.LatencyP99Ms):0} ms, private {Median(f => f.Requests.Private / (double)f.PairRuns):0.000}/pair-run (goal <= 2), market data {Median(f => f.Requests.Market):0} requests"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  worker peak working set {Median2(results.Where(r => r.Stats is not null).Select(r => r.Stats!.PeakWorkingSet / 1048576.0)):0} MiB"));
        if (compare is not null)
        {
            for (var cycle = 0; cycle < options.Cycles; cycle++)
            {
                var many = results.Select(r => r.Cycles[cycle].Requests).ToList();
                var few = compare.Cycles[cycle].Requests;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  market data, cycle {cycle + 1}: {options.Bots} bots {Median2(many.Select(m => (double)m.Market)):0} requests ({Kinds(many[0])}) vs {compare.Bots} bots {few.Market} ({Kinds(few)})"));
            }
        }
    }

    private static string Kinds(RequestCounts counts) => counts.Describe(counts.MarketByPath);

    private static double Median2(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static DateTime TruncateToMilliseconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private sealed record RunResult(int Bots, List<CycleFigures> Cycles, WorkerStats? Stats);

    private sealed class Options(string[] args)
    {
        public int Bots => Number("--bots", 1000);
        public int Pairs => Number("--pairs", 10);
        public int Symbols => Number("--symbols", 20);
        public int Repeat => Number("--repeat", 3);
        public int Compare => Number("--compare", 100);
        public int Cycles => Number("--cycles", 2);
        public bool Cold => args.Contains("--cold");

        /// <summary><c>--set Name=Value</c>: worker settings, e.g. <c>--set Scheduler__MaxConcurrentRuns=32</c>.</summary>
        public Dictionary<string, string> Settings => args.Select((a, i) => (a, i))
            .Where(p => p.a == "--set" && p.i + 1 < args.Length && args[p.i + 1].Contains('=', StringComparison.Ordinal))
            .Select(p => args[p.i + 1].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        public int Number(string name, int fallback) => Text(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        public string? Text(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
    }
}
