using System.Text.Json;
using System.Text.Json.Serialization;

namespace DipTrader.Bots.Running;

/// <summary>
/// What a pair remembers between runs: which alert states are on (so messages go out when a state begins
/// and when it ends), the leverage last set on the exchange, and an order that may still rest there.
/// </summary>
public sealed record PairState
{
    public bool MarginWarning { get; init; }
    public bool HighVolatility { get; init; }
    public bool DangerousDecline { get; init; }
    public bool CapRefused { get; init; }
    public bool Failing { get; init; }

    /// <summary>The leverage DipTrader last set on the exchange for this pair's symbol.</summary>
    public int? ExchangeLeverage { get; init; }

    /// <summary>Written before an order is sent: the next run cancels that order (by this id) while this is set.</summary>
    public string? OpenOrderId { get; init; }

    /// <summary>
    /// Orders an earlier run cancelled but could not learn the end of (the look-up failed, or the history did not show
    /// them yet): later runs look again, up to <see cref="PendingLookup.MaxAttempts"/> times, so a fill still reaches
    /// the trade history.
    /// </summary>
    public IReadOnlyList<PendingLookup> PendingLookups { get; init; } = [];

    /// <summary>
    /// The pair's last run left an order that may rest on the exchange, or one whose end is not known yet: the next run
    /// (or the closing pass of a bot that stopped) settles it.
    /// </summary>
    [JsonIgnore]
    public bool NamesOrders => OpenOrderId is not null || PendingLookups.Count > 0;

    /// <summary><see cref="NamesOrders"/> of a stored state (<c>trading_pairs.alert_state</c>); false for none.</summary>
    public static bool NamesOrdersIn(string? json) => FromJson(json) is { NamesOrders: true };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PairState? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PairState>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An order whose end is still to be learned, and how many look-ups found nothing so far.</summary>
public sealed record PendingLookup(string ClientOrderId, int Attempts)
{
    /// <summary>Look-ups before giving up: an id saved just before a crash may name an order that was never sent.</summary>
    public const int MaxAttempts = 3;
}

/// <summary>Keeps <see cref="PairState"/> between runs: a file for standalone bots, the trading_pairs row in database mode.</summary>
public interface IPairStateStore
{
    /// <summary>The states of the given pairs; a pair never seen before is absent.</summary>
    Task<IReadOnlyDictionary<string, PairState>> LoadAsync(IReadOnlyList<Configuration.PairConfiguration> pairs, CancellationToken cancellationToken);

    Task SaveAsync(Configuration.PairConfiguration pair, PairState state, CancellationToken cancellationToken);
}

/// <summary>Pair states in one JSON file (standalone mode), written atomically.</summary>
public sealed class FilePairStateStore(string path) : IPairStateStore
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<IReadOnlyDictionary<string, PairState>> LoadAsync(IReadOnlyList<Configuration.PairConfiguration> pairs, CancellationToken cancellationToken)
    {
        var all = await ReadAsync(cancellationToken);
        return pairs.Where(p => all.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => all[p.Key]);
    }

    public async Task SaveAsync(Configuration.PairConfiguration pair, PairState state, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var all = await ReadAsync(cancellationToken);
            all[pair.Key] = state;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(all, JsonOptions), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private async Task<Dictionary<string, PairState>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, PairState>(StringComparer.Ordinal);
        }
        try
        {
            var json = await File.ReadAllTextAsync(path, cancellationToken);
            return JsonSerializer.Deserialize<Dictionary<string, PairState>>(json, JsonOptions) ?? new Dictionary<string, PairState>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged state file costs alert history, never a run: start afresh (orders are cancelled as on a first run).
            return new Dictionary<string, PairState>(StringComparer.Ordinal);
        }
    }
}
