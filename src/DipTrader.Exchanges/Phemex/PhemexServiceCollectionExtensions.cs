using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DipTrader.Exchanges.Phemex;

public static class PhemexServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PhemexVenue"/> with options bound from <paramref name="section"/> (usually
    /// <c>configuration.GetSection("Phemex")</c>) and validated at start.
    /// </summary>
    public static IServiceCollection AddPhemex(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<PhemexOptions>().Bind(section);
        return services.AddPhemexCore();
    }

    /// <summary>Registers <see cref="PhemexVenue"/> with options set in code and validated at start.</summary>
    public static IServiceCollection AddPhemex(this IServiceCollection services, Action<PhemexOptions>? configure = null)
    {
        if (configure is not null)
        {
            services.AddOptions<PhemexOptions>().Configure(configure);
        }
        return services.AddPhemexCore();
    }

    private static IServiceCollection AddPhemexCore(this IServiceCollection services)
    {
        services.AddOptions<PhemexOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhemexOptions>, PhemexOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(PhemexVenue)))
        {
            return services; // The HTTP pipeline is registered once; a second call only adds configuration.
        }

        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PhemexMetrics>();
        services.TryAddSingleton<PhemexRateLimiter>();
        services.TryAddTransient<PhemexRateLimitHandler>();
        services.TryAddTransient<PhemexAttemptTimeoutHandler>();
        services.TryAddTransient<PhemexSigningHandler>();
        services.TryAddSingleton<PhemexRestClient>();

        // Outermost first: retries wrap rate limiting (each attempt spends budget), which wraps the per-attempt
        // timeout (waiting for a turn is not the exchange being slow), which wraps signing (fresh per attempt).
        var http = services.AddHttpClient(PhemexRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.RedactLoggedHeaders(static _ => true); // The access token travels in a header.
        http.AddResilienceHandler("phemex", static (builder, context) =>
            PhemexRetryStrategy.AddTo(builder, context.ServiceProvider.GetRequiredService<IOptions<PhemexOptions>>().Value.Retry));
        http.AddHttpMessageHandler<PhemexRateLimitHandler>()
            .AddHttpMessageHandler<PhemexAttemptTimeoutHandler>()
            .AddHttpMessageHandler<PhemexSigningHandler>();

        services.AddSingleton(sp => new PhemexVenue(
            sp.GetRequiredService<PhemexRestClient>(),
            sp.GetRequiredService<IOptions<PhemexOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        return services;
    }
}
