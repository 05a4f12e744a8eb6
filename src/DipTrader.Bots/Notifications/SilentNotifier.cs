namespace DipTrader.Bots.Notifications;

/// <summary>Sends nothing: backtests and tests that do not look at messages.</summary>
public sealed class SilentNotifier : INotifier
{
    public static SilentNotifier Instance { get; } = new();

    public bool Sends => false;

    public void Notify(Notification notification)
    {
    }
}
