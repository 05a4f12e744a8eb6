using DipTrader.Bots.Configuration;

namespace DipTrader.Bots.Notifications;

/// <summary>A bot's notifier: its owner's Telegram chat when configured, the log otherwise.</summary>
public sealed class NotifierFactory(TelegramSender sender, LogNotifier log)
{
    public INotifier For(BotConfiguration bot) => bot.Telegram is { } target ? new TelegramNotifier(sender, target, log) : log;
}
