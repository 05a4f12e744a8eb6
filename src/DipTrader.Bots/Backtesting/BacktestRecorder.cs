using DipTrader.Bots.Running;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// Keeps every pair's decision of every run, the count per rule, and chart points of price and EMAs. Points are
/// kept as values and made into records only for the chart's downsampled series (see <see cref="DecisionLog"/>
/// for why a backtest avoids an object per run).
/// </summary>
internal sealed class BacktestRecorder : IRunRecorder
{
    public DecisionLog Decisions { get; } = new();

    public Dictionary<string, int> RuleCounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PriceValues>> Prices { get; } = new(StringComparer.Ordinal);

    public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        foreach (var pair in result.Pairs)
        {
            var settings = pair.Pair.Settings;
            if (pair.Decision is not { } decision)
            {
                Add(result.StartedAt, settings, "ERROR", "Hold", null, null, pair.Error ?? "failed");
                continue;
            }
            Add(result.StartedAt, settings, decision.Rule.Code(), decision.Action.ToString(), decision.Quantity, decision.Price, decision.Reason);
            var key = pair.Pair.Key;
            if (!Prices.TryGetValue(key, out var points))
            {
                Prices[key] = points = [];
            }
            var f = decision.Figures;
            points.Add(new PriceValues(result.StartedAt, f.Price, f.Ema50, f.Ema200));
        }
        return Task.CompletedTask;
    }

    private void Add(DateTimeOffset time, PairSettings settings, string rule, string action, decimal? quantity, decimal? price, string reason)
    {
        Decisions.Add(time, settings.Symbol, settings.Side, rule, action, quantity, price, reason);
        RuleCounts[rule] = RuleCounts.GetValueOrDefault(rule) + 1;
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
