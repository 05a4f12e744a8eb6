using System.Collections.Concurrent;
using System.Threading.Channels;
using DipTrader.Bots.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace DipTrader.Bots.Notifications;

public sealed class TelegramOptions
{
    /// <summary>The Bot API's base URL; null means api.telegram.org. Tests point it at a fake server.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Attempts per message before it is dropped.</summary>
    public int Attempts { get; set; } = 3;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Sends queued Telegram messages in the background: a failure is logged and retried a little, then the
/// message is dropped. A full queue drops the oldest message rather than slowing a bot run.
/// </summary>
public sealed partial class TelegramSender(IHttpClientFactory httpClients, IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramSender> logger) : BackgroundService
{
    public const string HttpClientName = "telegram";

    private readonly Channel<(TelegramTarget Target, string Html)> _queue =
        Channel.CreateBounded<(TelegramTarget, string)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly ConcurrentDictionary<string, TelegramBotClient> _clients = new(StringComparer.Ordinal);
    private int _pending;

    public void Enqueue(TelegramTarget target, string html)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite((target, html)))
        {
            Interlocked.Decrement(ref _pending);
            LogDropped(logger, target.ChatId);
        }
    }

    /// <summary>Waits until the queue is empty or <paramref name="timeout"/> passes (the CLI calls this before exiting).</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (Volatile.Read(ref _pending) > 0 && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }
    }

    /// <summary>Sends one message now, without the queue; used by "send a test message" where the user waits for the answer.</summary>
    public async Task<string?> SendNowAsync(TelegramTarget target, string html, CancellationToken cancellationToken)
    {
        if (!TelegramBotToken.IsWellFormed(target.BotToken))
        {
            // Telegram.Bot would throw on it; a token saved before the form checked this shape can still be here.
            return $"The saved bot token is not of the form Telegram accepts ({TelegramBotToken.Shape}); enter it again.";
        }
        try
        {
            await Client(target).SendMessage(target.ChatId, html, ParseMode.Html, cancellationToken: cancellationToken);
            return null;
        }
        catch (ApiRequestException e)
        {
            return $"Telegram refused the message: {Scrub(e.Message, target)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RequestException)
        {
            return "Telegram could not be reached.";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"The test message could not be sent ({e.GetType().Name}).";
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (target, html) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendWithRetriesAsync(target, html, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failing BackgroundService stops the whole host (the worker, the web app): drop this message only.
                LogDroppedAfterError(logger, target.ChatId, e.GetType().Name, Scrub(e.Message, target));
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task SendWithRetriesAsync(TelegramTarget target, string html, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        TelegramBotClient client;
        try
        {
            client = Client(target);
        }
        catch (ArgumentException)
        {
            // Telegram.Bot refuses a token of another shape; no retry can help, and the message must not name the token.
            LogBadToken(logger, target.ChatId, TelegramBotToken.Shape);
            return;
        }
        var delay = settings.FirstRetryDelay;
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            try
            {
                await client.SendMessage(target.ChatId, html, ParseMode.Html, cancellationToken: cancellationToken);
                return;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var retryAfter = (e as ApiRequestException)?.Parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(seconds) : delay;
                LogSendFailed(logger, target.ChatId, attempt, settings.Attempts, Scrub(e.Message, target));
                if (attempt == settings.Attempts)
                {
                    return;
                }
                await Task.Delay(retryAfter, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    /// <summary>The bot token is part of every Bot API URL; make sure no message carries it into a log.</summary>
    private static string Scrub(string message, TelegramTarget target) =>
        target.BotToken.Length == 0 ? message : message.Replace(target.BotToken, "***", StringComparison.Ordinal);

    private TelegramBotClient Client(TelegramTarget target) => _clients.GetOrAdd(target.BotToken, token =>
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = options.Value.RequestTimeout;
        var baseUrl = options.Value.ApiBaseUrl?.ToString().TrimEnd('/');
        return new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl), http);
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram message to chat {ChatId} failed (attempt {Attempt} of {Attempts}): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string chatId, int attempt, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram message to chat {ChatId} dropped: the bot token is not of the form Telegram accepts ({Shape})")]
    private static partial void LogBadToken(ILogger logger, string chatId, string shape);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram message to chat {ChatId} dropped after an unexpected {Error}: {Reason}")]
    private static partial void LogDroppedAfterError(ILogger logger, string chatId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram queue is full; a message to chat {ChatId} was dropped")]
    private static partial void LogDropped(ILogger logger, string chatId);
}
