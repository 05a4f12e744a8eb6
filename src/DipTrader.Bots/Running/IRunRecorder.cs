namespace DipTrader.Bots.Running;

/// <summary>Stores what a run did: the database recorder in database mode; nothing beyond logs standalone.</summary>
public interface IRunRecorder
{
    Task RecordAsync(BotRunResult result, CancellationToken cancellationToken);
}

/// <summary>Standalone runs keep no history beyond their log lines.</summary>
public sealed class NoRunRecorder : IRunRecorder
{
    public static NoRunRecorder Instance { get; } = new();

    public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken) => Task.CompletedTask;
}
