namespace DipTrader.Exchanges.Paper;

/// <summary>Where paper accounts are kept between process runs, by account name.</summary>
public interface IPaperAccountStore
{
    /// <summary>The saved state, or null when nothing is saved under that name.</summary>
    ValueTask<PaperAccountState?> LoadAsync(string accountName, CancellationToken cancellationToken);

    /// <summary>Saves the state. It must be fully written (serialised) when the returned task completes: the caller keeps changing it afterwards.</summary>
    ValueTask SaveAsync(string accountName, PaperAccountState state, CancellationToken cancellationToken);
}
