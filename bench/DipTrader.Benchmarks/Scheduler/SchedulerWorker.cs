using System.Diagnostics;
using System.Globalization;
using DipTrader.Bots;
using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DipTrader.Benchmarks.Scheduler;

/// <summary>
/// The worker process of the scheduler benchmark: the services <c>diptrader worker</c> composes (database,
/// secrets, bot runtime, Quartz scheduler on the clustered PostgreSQL store), configured from the environment
/// like it, JSON logs on stdout. It runs until its standard input closes, then prints its memory figures on
/// standard error, so they describe the worker alone, not the fake exchange or the benchmark around it.
/// </summary>
internal static class SchedulerWorker
{
    public const string StatsPrefix = "worker-stats ";

    public static async Task<int> RunAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        var configuration = builder.Configuration;
        var database = new DatabaseConnection(DatabaseProvider.Postgres, configuration["DATABASE_URL"] ?? throw new InvalidOperationException("DATABASE_URL is not set."));
        builder.Logging.ClearProviders();
        if (configuration["BENCH_WORKER_LOGS"] != "off")
        {
            // As CliHost: information and up, JSON lines on stdout (the benchmark reads and drops them).
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("Quartz", LogLevel.Warning);
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPersistence(database);
        builder.Services.AddSingleton(SecretBox.Create(null, configuration["ENCRYPTION_KEY"]));
        builder.Services.AddBotRuntime(configuration, new BotStorage.Database());
        builder.Services.AddBotScheduler(configuration, database);
        using var host = builder.Build();
        await host.StartAsync();
        await Console.Error.WriteLineAsync("worker-ready");
        await Task.Run(() => Console.In.ReadToEnd());
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await host.StopAsync(timeout.Token);
        }
        var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{StatsPrefix}{process.PeakWorkingSet64} {GC.GetTotalAllocatedBytes()} {gc.HeapSizeBytes} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:0} {process.TotalProcessorTime.TotalSeconds:0.0}"));
        return 0;
    }
}

/// <summary>What the worker process reported about itself when it stopped.</summary>
internal sealed record WorkerStats(long PeakWorkingSet, long Allocated, long HeapSize, int Gen0, int Gen1, int Gen2, double PauseMs, double CpuSeconds)
{
    public static WorkerStats? Parse(string line)
    {
        if (!line.StartsWith(SchedulerWorker.StatsPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var f = line[SchedulerWorker.StatsPrefix.Length..].Split(' ');
        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new WorkerStats(L(f[0]), L(f[1]), L(f[2]), (int)L(f[3]), (int)L(f[4]), (int)L(f[5]), D(f[6]), D(f[7]));
    }
}
