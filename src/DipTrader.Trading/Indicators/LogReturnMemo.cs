namespace DipTrader.Trading.Indicators;

/// <summary>
/// The log returns of one column of closes, remembered on the column: ln(close[j + 1] / close[j]) at j, NaN where either
/// close is not positive. A replay's volatility window slides one candle per run, so all but its newest return were
/// computed by earlier runs; each is computed exactly as <see cref="HistoricalVolatility.Last"/> computes it.
/// </summary>
internal sealed class LogReturnMemo(double[] closes)
{
    private readonly Lock _lock = new();
    private readonly double[] _returns = new double[Math.Max(closes.Length - 1, 0)];

    // Returns at [_from, _to) are computed.
    private int _from;
    private int _to;

    /// <summary>The <paramref name="count"/> returns from the one at <paramref name="first"/>.</summary>
    public ReadOnlySpan<double> Get(int first, int count)
    {
        lock (_lock)
        {
            if (first < _from || first > _to)
            {
                _from = _to = first;
            }
            var end = first + count;
            for (var j = _to; j < end; j++)
            {
                _returns[j] = closes[j] > 0 && closes[j + 1] > 0 ? Math.Log(closes[j + 1] / closes[j]) : double.NaN;
            }
            _to = Math.Max(_to, end);
            // Computed returns never change, so the span stays valid after the lock.
            return _returns.AsSpan(first, count);
        }
    }
}
