using DipTrader.Bots;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Bots.Venues;
using DipTrader.Cli.Hosting;
using DipTrader.Data;
using DipTrader.Exchanges;
using DipTrader.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DipTrader.Cli.Commands;

/// <summary>The body of <c>diptrader run</c>: build the host for the mode, then run once or on a period.</summary>
internal sealed class StandaloneRunner(CliConsole console, Dictionary<string, string> variables, string logFormat, string stateDirectory, TimeSpan period, bool repeat)
{
    public async Task<int> RunEnvBotAsync(CancellationToken cancellationToken)
    {
        var configuration = EnvConfigSource.Load(variables);
        if (!configuration.IsValid)
        {
            return await BadConfigurationAsync(configuration.Errors);
        }
        if (RuntimeSettings.Check(variables) is { Count: > 0 } runtimeErrors)
        {
            return await BadConfigurationAsync(runtimeErrors);
        }
        if (StateDirectoryProblem() is { } problem)
        {
            await console.Error.WriteLineAsync(problem);
            return ExitCodes.BadInput;
        }
        var builder = CliHost.CreateBuilder(variables, logFormat);
        builder.Services.AddBotRuntime(builder.Configuration, new BotStorage.Files(Path.GetFullPath(stateDirectory)));
        using var host = builder.Build();
        return await RunLoopAsync(host, _ => Task.FromResult(configuration), cancellationToken);
    }

    public async Task<int> RunDatabaseBotAsync(int botId, CancellationToken cancellationToken)
    {
        if (variables.TryGetValue("SYMBOL", out var symbol) && !string.IsNullOrWhiteSpace(symbol))
        {
            return await BadConfigurationAsync([new ValidationError("BOT_ID", "and SYMBOL are both set: BOT_ID loads the bot and its pairs from the database, SYMBOL configures a standalone bot; set only one")]);
        }
        var connection = DatabaseSettings.Connection(variables, required: true);
        var secrets = DatabaseSettings.Secrets(variables);
        var runtime = RuntimeSettings.Check(variables);
        if (!connection.IsValid || !secrets.IsValid || runtime.Count > 0)
        {
            return await BadConfigurationAsync([.. connection.Errors, .. secrets.Errors, .. runtime]);
        }
        var builder = CliHost.CreateBuilder(variables, logFormat);
        builder.Services.AddPersistence(connection.Value!);
        builder.Services.AddSingleton(secrets.Value!);
        builder.Services.AddBotRuntime(builder.Configuration, new BotStorage.Database());
        using var host = builder.Build();
        var source = host.Services.GetRequiredService<DatabaseConfigSource>();
        try
        {
            var first = await source.LoadAsync(botId, cancellationToken);
            if (!first.IsValid)
            {
                return await BadConfigurationAsync(first.Errors);
            }
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            await console.Error.WriteLineAsync($"DATABASE_URL: the database could not be read ({e.GetType().Name}); check the address, credentials and that `diptrader migrate` has run.");
            return ExitCodes.BadInput;
        }
        return await RunLoopAsync(host, token => source.LoadAsync(botId, token), cancellationToken);
    }

    private async Task<int> RunLoopAsync(IHost host, Func<CancellationToken, Task<Validated<BotConfiguration>>> load, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken);
        var services = host.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var runner = services.GetRequiredService<BotRunner>();
        var venues = services.GetRequiredService<VenueFactory>();
        var notifiers = services.GetRequiredService<NotifierFactory>();
        var exitCode = ExitCodes.Success;
        var announced = false;
        BotConfiguration? last = null;
        try
        {
            while (true)
            {
                var configuration = await load(cancellationToken);
                if (!configuration.IsValid)
                {
                    exitCode = await BadConfigurationAsync(configuration.Errors);
                    break;
                }
                var bot = configuration.Value!;
                last = bot;
                var notifier = notifiers.For(bot);
                if (bot.NotifyStartup && !announced)
                {
                    notifier.Notify(NotificationComposer.BotStarted(bot));
                }
                announced = true;
                var venue = await venues.OpenAsync(bot, cancellationToken);
                var result = await runner.RunAsync(bot, venue, RunSlot.Containing(time.GetUtcNow(), period), notifier, cancellationToken);
                exitCode = result.AllSucceeded ? ExitCodes.Success : ExitCodes.Failure;
                if (!repeat)
                {
                    break;
                }
                var next = RunSlot.Containing(time.GetUtcNow(), period).Start + period;
                await Task.Delay(next - time.GetUtcNow(), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C (or SIGTERM): a clean stop. A repeating bot is stopping for good, so what its last run left resting
            // is cancelled, as for a bot stopped in the web app; a one-shot run's order rests until the next cron run.
            if (repeat && last is not null)
            {
                await CloseAsync(runner, venues, last);
            }
        }
        finally
        {
            await services.GetRequiredService<TelegramSender>().FlushAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            await host.StopAsync(CancellationToken.None);
        }
        return exitCode;
    }

    private async Task CloseAsync(BotRunner runner, VenueFactory venues, BotConfiguration bot)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)); // within the CLI's termination grace
        try
        {
            var venue = await venues.OpenAsync(bot, timeout.Token);
            if (await runner.CloseAsync(bot, venue, timeout.Token) is { Unsettled.Count: > 0 } result)
            {
                foreach (var (symbol, error) in result.Failures)
                {
                    await console.Error.WriteLineAsync($"Stopping: could not cancel the order the last run left resting on {symbol}: {error} It may still rest on the exchange.");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ExchangeException)
        {
            await console.Error.WriteLineAsync($"Stopping: could not cancel what the last run left resting ({e.Message}). It may still rest on the exchange; the next start cancels it.");
        }
    }

    /// <summary>
    /// A state directory that cannot be written would fail only after the first order was placed, leaving that
    /// order unrecorded; so it is created and written once before anything reaches the exchange.
    /// </summary>
    private string? StateDirectoryProblem()
    {
        try
        {
            var directory = Directory.CreateDirectory(Path.GetFullPath(stateDirectory));
            var probe = Path.Combine(directory.FullName, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--state-dir: '{stateDirectory}' cannot be created or written ({e.GetType().Name}); give a directory this user may write.";
        }
    }

    private async Task<int> BadConfigurationAsync(IReadOnlyList<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            await console.Error.WriteLineAsync(error.ToString());
        }
        return ExitCodes.BadInput;
    }
}
