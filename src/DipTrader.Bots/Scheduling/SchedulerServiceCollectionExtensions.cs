using DipTrader.Data;
using Microsoft.Extensions.Configuration;
using DipTrader.Bots.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace DipTrader.Bots.Scheduling;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// The bot scheduler: Quartz with the RAM job store on SQLite (one process), or the clustered ADO.NET job
    /// store on PostgreSQL (its tables come with DipTrader's migrations), so any number of web apps and
    /// <c>diptrader worker</c> processes share the bots and take over each other's when one dies.
    /// Requires <see cref="BotRuntimeServiceCollectionExtensions.AddBotRuntime"/> and a <c>SecretBox</c>.
    /// </summary>
    public static IServiceCollection AddBotScheduler(this IServiceCollection services, IConfiguration configuration, DatabaseConnection database)
    {
        services.AddScheduledRuns();
        var options = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        services.AddQuartz(q =>
        {
            // Instances sharing bots share this name; one process holds one scheduler per name.
            q.SchedulerName = configuration["SCHEDULER_NAME"] is { Length: > 0 } name ? name : "DipTrader";
            q.SchedulerId = configuration["SCHEDULER_INSTANCE"] is { Length: > 0 } id ? id : "AUTO";
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = options.MaxConcurrentRuns);
            q.MisfireThreshold = options.MisfireThreshold;
            if (database.Provider == DatabaseProvider.Postgres)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinInterval * 2;
                    });
                    store.PerformSchemaValidation = true;
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<BotJobs>();
        services.AddSingleton<SchedulerMetrics>();
        services.AddSingleton<BotRunJob>();
        services.AddSingleton<ScheduleReconciler>();
        services.AddSingleton<IBotScheduler>(sp => sp.GetRequiredService<ScheduleReconciler>());
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciler>());
        return services;
    }

    /// <summary>Runs of database bots with failure counting and back-off, without Quartz (what <c>diptrader run-all</c> needs).</summary>
    public static IServiceCollection AddScheduledRuns(this IServiceCollection services)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName)
            .Validate(o => o.Validate().Count == 0, "Scheduler settings are invalid (RunTimeout, MaxConsecutiveFailures, MaxConcurrentRuns, intervals).")
            .ValidateOnStart();
        services.AddSingleton<SchedulerHealth>();
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<BotRunService>();
        return services;
    }
}
