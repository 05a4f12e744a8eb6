using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Notifications;

/// <summary>The notifier of a bot without Telegram: messages go to the log only.</summary>
public sealed partial class LogNotifier(ILogger<LogNotifier> logger) : INotifier
{
    public void Notify(Notification notification) => LogNotification(logger, notification.Kind, notification.ToPlainText());

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind}: {Text}")]
    private static partial void LogNotification(ILogger logger, NotificationKind kind, string text);
}

/// <summary>Telegram messages for one chat, handed to the shared <see cref="TelegramSender"/>; also logged.</summary>
public sealed class TelegramNotifier(TelegramSender sender, Configuration.TelegramTarget target, LogNotifier log) : INotifier
{
    public void Notify(Notification notification)
    {
        log.Notify(notification);
        sender.Enqueue(target, notification.ToHtml());
    }
}
