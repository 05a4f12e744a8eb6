namespace DipTrader.Bots.Scheduling;

/// <summary>
/// What the web app tells the scheduler when a bot changes: started, stopped, deleted or edited. The
/// in-process Quartz scheduler acts at once; with the scheduler elsewhere (<c>--no-scheduler</c>), the
/// workers pick the change up from the bots table within seconds.
/// </summary>
public interface IBotScheduler
{
    Task BotChangedAsync(int botId, CancellationToken cancellationToken);
}

/// <summary>For a web app started with <c>--no-scheduler</c>: workers reconcile from the database.</summary>
public sealed class RemoteBotScheduler : IBotScheduler
{
    public Task BotChangedAsync(int botId, CancellationToken cancellationToken) => Task.CompletedTask;
}
