using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Recording;
using DipTrader.Bots.Running;
using DipTrader.Bots.Venues;
using DipTrader.Exchanges.Caching;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Phemex;
using DipTrader.Exchanges.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DipTrader.Bots;

/// <summary>Where bot runs keep their state: the database (web app, workers, BOT_ID) or files (standalone).</summary>
public abstract record BotStorage
{
    public sealed record Database : BotStorage;

    /// <param name="Directory">Holds the pair states and paper accounts of standalone runs.</param>
    public sealed record Files(string Directory) : BotStorage;
}

public static class BotRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Everything a bot run needs: Phemex (options from the <c>Phemex</c> section and <c>PHEMEX_BASE_URL</c>),
    /// the shared market-data caches and the demo market, paper accounts, the venue factory, Telegram,
    /// the runner and its state store and recorder.
    /// </summary>
    public static IServiceCollection AddBotRuntime(this IServiceCollection services, IConfiguration configuration, BotStorage storage)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPhemex(options =>
        {
            configuration.GetSection(PhemexOptions.SectionName).Bind(options);
            if (configuration["PHEMEX_BASE_URL"] is { Length: > 0 } baseUrl)
            {
                options.BaseUrlOverride = new Uri(baseUrl);
            }
        });
        services.AddOptions<MarketDataCacheOptions>().BindConfiguration("MarketDataCache")
            .Validate(o => o.Validate().Count == 0, "MarketDataCache settings are invalid.").ValidateOnStart();
        services.AddOptions<DemoMarketOptions>().BindConfiguration("DemoMarket")
            .Validate(o => o.Validate().Count == 0, "DemoMarket settings are invalid.").ValidateOnStart();
        services.AddOptions<PaperAccountOptions>().BindConfiguration("Paper")
            .Validate(o => o.Validate().Count == 0, "Paper settings are invalid (fees, funding, maintenance rate, leverage).").ValidateOnStart();
        services.AddOptions<TelegramOptions>().Configure(o =>
        {
            configuration.GetSection("Telegram").Bind(o);
            if (configuration["TELEGRAM_API_URL"] is { Length: > 0 } url)
            {
                o.ApiBaseUrl = new Uri(url);
            }
        });
        services.AddSingleton(sp => new MarketDataHub(
            sp.GetRequiredService<PhemexVenue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DemoMarketOptions>>().Value,
            sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value));
        var marketData = (configuration["MARKET_DATA"] ?? PaperMarketDataSource.Auto).Trim().ToLowerInvariant();
        services.AddSingleton(sp => new PaperMarketDataSource(marketData, sp.GetRequiredService<MarketDataHub>(), sp.GetRequiredService<ILogger<PaperMarketDataSource>>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PaperAccountOptions>>().Value);
        services.AddSingleton<VenueFactory>();
        services.AddSingleton<SymbolCatalog>();
        services.AddHttpClient(TelegramSender.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<TelegramSender>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramSender>());
        services.AddSingleton<LogNotifier>();
        services.AddSingleton<NotifierFactory>();
        services.AddSingleton<BotRunner>();
        switch (storage)
        {
            case BotStorage.Files files:
                services.AddSingleton<IPaperAccountStore>(new FilePaperAccountStore(Path.Combine(files.Directory, "paper")));
                services.AddSingleton<IPairStateStore>(new FilePairStateStore(Path.Combine(files.Directory, "pair-state.json")));
                services.AddSingleton<IRunRecorder>(NoRunRecorder.Instance);
                break;
            default:
                services.AddSingleton<IPaperAccountStore, DatabasePaperAccountStore>();
                services.AddSingleton<IPairStateStore, DatabasePairStateStore>();
                services.AddSingleton<IRunRecorder, DatabaseRunRecorder>();
                services.AddSingleton<DatabaseConfigSource>();
                break;
        }
        return services;
    }
}
