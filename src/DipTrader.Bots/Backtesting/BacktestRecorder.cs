using DipTrader.Bots.Running;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// Keeps every pair's decision of every run, the count per rule, and chart points of price and EMAs. Points are
/// kept as values and made into records only for the chart's downsampled series (see <see cref="DecisionLog"/>
/// for why a backtest avoids an object per run).
/// </summary>
/// <param name="runs">The runs the backtest makes, so the columns are sized once.</param>
internal sealed class BacktestRecorder(int runs, int pairs) : IRunRecorder
{
    // Columns are sized up front only this far (about 150 MB of decisions): a longer backtest grows them as it goes.
    private const int MaxPresized = 1 << 21;

    private readonly int[] _ruleCounts = new int[Enum.GetValues<Rule>().Length];
    private int _errorCount;

    public DecisionLog Decisions { get; } = new((int)Math.Min((long)runs * pairs, MaxPresized));

    public Dictionary<string, List<PriceValues>> Prices { get; } = new(StringComparer.Ordinal);

    // Each pair's points by its place in the run, with the key they were found under: the same pairs run every time,
    // so the key is compared by reference instead of hashed per run.
    private readonly (string? Key, List<PriceValues>? Points)[] _pointsByPlace = new (string?, List<PriceValues>?)[pairs];

    public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        // Indexed: an enumerator over the interface would be an allocation per run.
        for (var i = 0; i < result.Pairs.Count; i++)
        {
            var pair = result.Pairs[i];
            var settings = pair.Pair.Settings;
            if (pair.Decision is not { } decision)
            {
                Decisions.AddError(result.StartedAt, settings.Symbol, settings.Side, pair.Error ?? "failed");
                _errorCount++;
                continue;
            }
            Decisions.Add(result.StartedAt, settings.Symbol, settings.Side, decision);
            _ruleCounts[(int)decision.Rule]++;
            var points = Points(i, pair.Pair.Key);
            var f = decision.Figures;
            points.Add(new PriceValues(result.StartedAt, f.Price, f.Ema50, f.Ema200));
        }
        return Task.CompletedTask;
    }

    private List<PriceValues> Points(int place, string key)
    {
        if (place < _pointsByPlace.Length && ReferenceEquals(_pointsByPlace[place].Key, key))
        {
            return _pointsByPlace[place].Points!;
        }
        if (!Prices.TryGetValue(key, out var points))
        {
            Prices[key] = points = new List<PriceValues>(Math.Min(runs, MaxPresized));
        }
        if (place < _pointsByPlace.Length)
        {
            _pointsByPlace[place] = (key, points);
        }
        return points;
    }

    /// <summary>How often each rule fired (and how many runs failed), by rule code, in code order; rules that never fired are left out.</summary>
    public Dictionary<string, int> RuleCounts()
    {
        var counts = Enum.GetValues<Rule>().Where(r => _ruleCounts[(int)r] > 0).Select(r => (Code: r.Code(), Count: _ruleCounts[(int)r]));
        if (_errorCount > 0)
        {
            counts = counts.Append((DecisionLog.ErrorRule, _errorCount));
        }
        return counts.OrderBy(c => c.Code, StringComparer.Ordinal).ToDictionary(c => c.Code, c => c.Count, StringComparer.Ordinal);
    }
}

/// <summary>A <see cref="PricePoint"/> as a value, until it is chosen for the chart.</summary>
internal readonly record struct PriceValues(DateTimeOffset Time, decimal Price, decimal Ema50, decimal Ema200)
{
    public PricePoint ToPoint() => new(Time, Price, Ema50, Ema200);
}

/// <summary>An <see cref="EquityPoint"/> as a value, until it is chosen for the chart.</summary>
internal readonly record struct EquityValues(DateTimeOffset Time, decimal Equity, decimal Balance, decimal MarginUsed)
{
    public EquityPoint ToPoint() => new(Time, Equity, Balance, MarginUsed);
}
