using System.CommandLine;
using System.Globalization;
using DipTrader.Bots;
using DipTrader.Bots.Observability;
using DipTrader.Bots.Running;
using DipTrader.Bots.Scheduling;
using DipTrader.Cli.Hosting;
using DipTrader.Data;
using DipTrader.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DipTrader.Cli.Commands;

/// <summary><c>diptrader run-all</c> (one pass over running bots, for cron) and <c>diptrader worker</c> (the scheduler without the web app).</summary>
internal static class SchedulerCommands
{
    public static Command RunAll(CliConsole console)
    {
        var logFormat = LogFormat();
        var command = new Command("run-all", "Run every running bot once and exit (cron-compatible): a summary per bot; exit code 1 if any bot failed.") { logFormat };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var variables = CliHost.Environment();
            var builder = DatabaseHost(variables, parse.GetValue(logFormat)!, out var database, out var error);
            if (builder is null)
            {
                await console.Error.WriteLineAsync(error);
                return ExitCodes.BadInput;
            }
            builder.Services.AddScheduledRuns();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var contexts = host.Services.GetRequiredService<IDbContextFactory<DipTraderDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var bots = await db.Bots.AsNoTracking().Where(b => b.Status == BotStatus.Running).OrderBy(b => b.Id)
                .Select(b => new { b.Id, b.Name, b.RunEveryMinutes }).ToListAsync(cancellationToken);
            var runs = host.Services.GetRequiredService<BotRunService>();
            var time = host.Services.GetRequiredService<TimeProvider>();
            var parallel = host.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value.MaxConcurrentRuns;
            var results = new System.Collections.Concurrent.ConcurrentDictionary<int, ScheduledRunOutcome>();
            await Parallel.ForEachAsync(bots, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (bot, token) =>
            {
                var (outcome, _) = await runs.RunAsync(bot.Id, time.GetUtcNow(), TimeSpan.FromMinutes(bot.RunEveryMinutes), "run-all", token);
                results[bot.Id] = outcome;
            });
            // Bots stopped since the last pass: cancel what their last runs left resting (one try; a failure is logged for the owner).
            var stopped = await StoppedWithOrdersAsync(db, cancellationToken);
            foreach (var id in stopped)
            {
                await runs.CloseAsync(id, pass: 1, passes: 1, cancellationToken);
            }
            await host.StopAsync(CancellationToken.None);
            foreach (var bot in bots)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bot {bot.Id} ({bot.Name}): {results[bot.Id]}"));
            }
            foreach (var id in stopped)
            {
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bot {id}: not running; closed what its last runs left resting (its log says how)"));
            }
            var failed = results.Values.Count(o => o == ScheduledRunOutcome.Failed);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{bots.Count - failed}/{bots.Count} bots ran."));
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Bots that no longer run while a pair's state still names an order their last runs left resting.</summary>
    private static async Task<List<int>> StoppedWithOrdersAsync(DipTraderDbContext db, CancellationToken cancellationToken)
    {
        var states = await db.TradingPairs.AsNoTracking().Where(p => p.Bot!.Status != BotStatus.Running && p.AlertState != null)
            .Select(p => new { p.BotId, p.AlertState }).ToListAsync(cancellationToken);
        return [.. states.Where(s => PairState.NamesOrdersIn(s.AlertState)).Select(s => s.BotId).OfType<int>().Distinct().Order()];
    }

    public static Command Worker(CliConsole console)
    {
        var logFormat = LogFormat();
        var command = new Command("worker", "Run the bot scheduler without the web app. Start several (on PostgreSQL) to share the bots; when one stops, the others take its bots over. With METRICS_PORT set, serves Prometheus metrics on 127.0.0.1:METRICS_PORT/metrics.") { logFormat };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var variables = CliHost.Environment();
            if (!MetricsListener.TryReadPort(variables.GetValueOrDefault(MetricsListener.PortVariable), out var metricsPort, out var portError))
            {
                await console.Error.WriteLineAsync(portError);
                return ExitCodes.BadInput;
            }
            var builder = DatabaseHost(variables, parse.GetValue(logFormat)!, out var database, out var error);
            if (builder is null)
            {
                await console.Error.WriteLineAsync(error);
                return ExitCodes.BadInput;
            }
            builder.Services.AddBotScheduler(builder.Configuration, database!);
            if (metricsPort is { } port)
            {
                builder.Services.AddDipTraderMetrics();
                builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<MetricsListener>(sp, port));
            }
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> LogFormat()
    {
        var option = new Option<string>("--log-format") { Description = "Log lines on stdout: json (default) or text.", DefaultValueFactory = _ => "json" };
        option.AcceptOnlyFromAmong("json", "text");
        return option;
    }

    /// <summary>A host with the database, the secrets and the bot runtime; null with an error on bad settings.</summary>
    private static HostApplicationBuilder? DatabaseHost(Dictionary<string, string> variables, string logFormat, out DatabaseConnection? database, out string error)
    {
        database = null;
        var connection = DatabaseSettings.Connection(variables, required: false);
        var secrets = DatabaseSettings.Secrets(variables);
        var runtime = RuntimeSettings.Check(variables);
        if (!connection.IsValid || !secrets.IsValid || runtime.Count > 0)
        {
            error = string.Join(Environment.NewLine, connection.Errors.Concat(secrets.Errors).Concat(runtime));
            return null;
        }
        error = string.Empty;
        database = connection.Value!;
        var builder = CliHost.CreateBuilder(variables, logFormat);
        builder.Services.AddPersistence(connection.Value!);
        builder.Services.AddSingleton(secrets.Value!);
        builder.Services.AddBotRuntime(builder.Configuration, new BotStorage.Database());
        return builder;
    }
}
