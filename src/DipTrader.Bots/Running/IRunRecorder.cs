namespace DipTrader.Bots.Running;

/// <summary>Stores what a run did: the database recorder in database mode; nothing beyond logs standalone.</summary>
public interface IRunRecorder
{
    Task RecordAsync(BotRunResult result, CancellationToken cancellationToken);

    /// <summary>How the orders a stopped bot left resting ended (<see cref="BotRunner.CloseAsync"/>): not a run, so no run row.</summary>
    Task RecordClosingAsync(BotClosingResult result, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Standalone runs keep no history beyond their log lines.</summary>
public sealed class NoRunRecorder : IRunRecorder
{
    public static NoRunRecorder Instance { get; } = new();

    public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken) => Task.CompletedTask;
}
