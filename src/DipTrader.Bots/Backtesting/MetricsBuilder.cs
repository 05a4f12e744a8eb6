using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Market;

namespace DipTrader.Bots.Backtesting;

/// <summary>Follows equity, margin and exposure run by run, then computes the report's figures.</summary>
internal sealed class MetricsBuilder
{
    private readonly decimal _startBalance;
    private readonly List<EquityValues> _equity;
    private decimal _peak;
    private decimal _maxDrawdown;
    private decimal _maxMargin;
    private int _inMarket;
    private decimal _exposureSum;
    private double _maxDrawdownAsDouble;
    private AccountSnapshot? _lastAccount;
    private (decimal Equity, decimal MarginUsed, bool Open, decimal Exposure) _last;
    // Margin and balance change only with a fill or funding while the mark moves every minute.
    private readonly QuotientMemo _marginUsed = new();

    public MetricsBuilder(decimal startBalance, int steps)
    {
        _startBalance = startBalance;
        _peak = startBalance;
        _equity = new List<EquityValues>(steps);
    }

    public void Observe(DateTimeOffset time, AccountSnapshot account)
    {
        // The paper account answers the same snapshot while nothing changed (a flat account between trades):
        // its figures are those of the last run.
        if (!ReferenceEquals(account, _lastAccount))
        {
            _lastAccount = account;
            _last = Measure(account);
        }
        var (equity, marginUsed, open, exposure) = _last;
        _peak = Math.Max(_peak, equity);
        if (_peak > 0 && CouldDeepenDrawdown(equity))
        {
            _maxDrawdown = Math.Max(_maxDrawdown, (_peak - equity) / _peak);
            _maxDrawdownAsDouble = (double)_maxDrawdown;
        }
        _maxMargin = Math.Max(_maxMargin, marginUsed);
        if (open)
        {
            _inMarket++;
        }
        _exposureSum += exposure;
        _equity.Add(new EquityValues(time, equity, account.Balance, marginUsed));
    }

    /// <summary>
    /// False when (peak − equity) / peak is clearly below the deepest drawdown so far: told apart in doubles with a slack
    /// (1e-9) far above their error, so the decimal division, which could not change the maximum, is left out. Most
    /// runs of a backtest are below an earlier peak without a new deepest drawdown.
    /// </summary>
    private bool CouldDeepenDrawdown(decimal equity)
    {
        var peak = (double)_peak;
        var drawdown = (peak - (double)equity) / peak;
        return !(drawdown + 1e-9 * (1 + Math.Abs(drawdown)) < _maxDrawdownAsDouble);
    }

    private (decimal Equity, decimal MarginUsed, bool Open, decimal Exposure) Measure(AccountSnapshot account)
    {
        decimal margin = 0, pnl = 0, notional = 0;
        var open = false;
        var positions = account.Positions;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            if (!position.IsOpen)
            {
                continue;
            }
            open = true;
            margin += position.PositionMargin;
            pnl += position.UnrealisedPnl;
            notional += position.Size * position.MarkPrice;
        }
        var equity = account.Balance + pnl;
        return (equity, account.Balance > 0 ? _marginUsed.Divide(margin, account.Balance) : 0m, open, equity > 0 ? notional / equity : 0m);
    }

    public BacktestReport Build(DateTimeOffset from, DateTimeOffset to, PaperAccount account, BacktestRecorder recorder)
    {
        var fills = account.Fills;
        var exits = fills.Where(f => f.ReduceOnly || f.Liquidity == FillLiquidity.Liquidation).ToList();
        var wins = exits.Count(f => f.RealisedPnl > 0);
        var runs = _equity.Count;
        var end = _equity.Count > 0 ? _equity[^1] : new EquityValues(to, _startBalance, _startBalance, 0m);
        var metrics = new BacktestMetrics
        {
            From = from,
            To = to,
            Runs = runs,
            StartBalance = _startBalance,
            EndBalance = account.Balance,
            EndEquity = end.Equity,
            Return = (end.Equity - _startBalance) / _startBalance,
            MaxDrawdown = _maxDrawdown,
            Trades = fills.Count,
            WinningExits = wins,
            LosingExits = exits.Count - wins,
            WinRate = exits.Count == 0 ? 0m : (decimal)wins / exits.Count,
            Fees = account.FeesPaid,
            Funding = account.NetFunding,
            Liquidations = account.Liquidations.Count,
            MaxMarginUsed = _maxMargin,
            TimeInMarket = runs == 0 ? 0m : (decimal)_inMarket / runs,
            Exposure = runs == 0 ? 0m : _exposureSum / runs,
            RuleCounts = recorder.RuleCounts(),
        };
        return new BacktestReport
        {
            Metrics = metrics,
            Trades = [.. fills],
            Liquidations = [.. account.Liquidations],
            Decisions = recorder.Decisions,
            Equity = Downsample(_equity, e => e.ToPoint()),
            Prices = recorder.Prices.ToDictionary(p => p.Key, p => Downsample(p.Value, v => v.ToPoint()), StringComparer.Ordinal),
        };
    }

    /// <summary>At most <see cref="Backtester.ChartPoints"/> evenly spread points, the last one always kept.</summary>
    private static IReadOnlyList<TPoint> Downsample<TValues, TPoint>(List<TValues> values, Func<TValues, TPoint> point)
    {
        var step = values.Count <= Backtester.ChartPoints ? 1 : (values.Count + Backtester.ChartPoints - 1) / Backtester.ChartPoints;
        var points = new List<TPoint>(Math.Min(values.Count, Backtester.ChartPoints));
        for (var i = (values.Count - 1) % step; i < values.Count; i += step)
        {
            points.Add(point(values[i]));
        }
        return points;
    }
}
