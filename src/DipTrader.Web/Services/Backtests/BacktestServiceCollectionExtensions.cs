using DipTrader.Bots.Backtesting;

namespace DipTrader.Web.Services.Backtests;

public static class BacktestServiceCollectionExtensions
{
    /// <summary>The backtest pages' services and the worker that runs queued backtests one at a time.</summary>
    public static IServiceCollection AddBacktests(this IServiceCollection services)
    {
        services.AddSingleton<Backtester>();
        services.AddSingleton<BacktestCandleFiles>();
        services.AddSingleton<BacktestQueue>();
        services.AddSingleton<BacktestJob>();
        services.AddSingleton<BacktestService>();
        services.AddSingleton<BacktestQueries>();
        services.AddHostedService<BacktestWorker>();
        return services;
    }
}
