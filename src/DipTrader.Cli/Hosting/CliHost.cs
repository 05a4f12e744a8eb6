using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace DipTrader.Cli.Hosting;

/// <summary>The generic host of a CLI command: configuration from given variables, logs on stdout.</summary>
internal static class CliHost
{
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string> variables, string logFormat)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // As the environment-variables provider does: Scheduler__RunTimeout sets Scheduler:RunTimeout.
        builder.Configuration.AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        // Logging__LogLevel__Default=Debug (and per category) overrides the levels above, as in the web app.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (logFormat == "json")
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The process environment as a dictionary.</summary>
    public static Dictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }
        return variables;
    }
}
