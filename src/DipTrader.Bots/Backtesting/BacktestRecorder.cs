using DipTrader.Bots.Running;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>Keeps every pair's decision of every run, plus chart points of price and EMAs.</summary>
internal sealed class BacktestRecorder : IRunRecorder
{
    public List<DecisionRecord> Decisions { get; } = [];

    public Dictionary<string, List<PricePoint>> Prices { get; } = new(StringComparer.Ordinal);

    public Task RecordAsync(BotRunResult result, CancellationToken cancellationToken)
    {
        foreach (var pair in result.Pairs)
        {
            var settings = pair.Pair.Settings;
            if (pair.Decision is not { } decision)
            {
                Decisions.Add(new DecisionRecord(result.StartedAt, settings.Symbol, settings.Side, "ERROR", "Hold", null, null, pair.Error ?? "failed"));
                continue;
            }
            Decisions.Add(new DecisionRecord(result.StartedAt, settings.Symbol, settings.Side, decision.Rule.Code(), decision.Action.ToString(), decision.Quantity, decision.Price, decision.Reason));
            var key = pair.Pair.Key;
            if (!Prices.TryGetValue(key, out var points))
            {
                Prices[key] = points = [];
            }
            var f = decision.Figures;
            points.Add(new PricePoint(result.StartedAt, f.Price, f.Ema50, f.Ema200));
        }
        return Task.CompletedTask;
    }
}
