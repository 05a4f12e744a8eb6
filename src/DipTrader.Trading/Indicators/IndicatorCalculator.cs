using DipTrader.Trading.Market;

namespace DipTrader.Trading.Indicators;

/// <summary>Computes an <see cref="IndicatorSnapshot"/> from closed candles (correction 6: converged EMAs).</summary>
public static class IndicatorCalculator
{
    /// <summary>Candles requested for the EMAs, at the EMA interval and at one hour.</summary>
    public const int EmaWindow = 1000;

    /// <summary>Five-minute candles in the volatility window.</summary>
    public const int VolatilityWindow = 100;

    /// <summary>The volatility window always uses 5-minute candles, whatever the EMA interval.</summary>
    public const int VolatilityInterval = CandleInterval.FiveMinutes;

    /// <param name="emaCandles">Closed candles at the pair's EMA interval (the last 1000 are used).</param>
    /// <param name="hourCandles">Closed one-hour candles (the last 1000 are used).</param>
    /// <param name="volatilityCandles">Closed 5-minute candles (the last 100 are used).</param>
    /// <param name="atrFactor">The ATR threshold is this times the window's mean ATR.</param>
    public static IndicatorSnapshot Compute(CandleSeries emaCandles, CandleSeries hourCandles, CandleSeries volatilityCandles, double atrFactor)
    {
        if (emaCandles.Count == 0)
        {
            throw new ArgumentException("EMA50 and EMA200 need at least one closed candle.", nameof(emaCandles));
        }
        if (hourCandles.Count == 0)
        {
            throw new ArgumentException("The 1 h EMA100 needs at least one closed candle.", nameof(hourCandles));
        }
        var (ema50, ema200) = emaCandles.TakeLast(EmaWindow).LastEmas(50, 200);
        // One period asked as a pair: the memo keeps pairs, and the twin chain costs a lane.
        var (ema100H1, _) = hourCandles.TakeLast(EmaWindow).LastEmas(100, 100);
        var window = volatilityCandles.TakeLast(VolatilityWindow);
        return new IndicatorSnapshot(
            ToDecimal(ema50),
            ToDecimal(ema200),
            ToDecimal(ema100H1),
            Volatility.Measure(window.Closes, atrFactor, window.AverageTrueRange(), HistoricalVolatility.FromReturns(window.LastLogReturns(HistoricalVolatility.Period))),
            DeclineVelocity.Measure(window.Closes, window.Volumes));
    }

    private static decimal ToDecimal(double value) =>
        double.IsFinite(value) ? (decimal)value : throw new ArgumentException("An EMA came out as a non-finite number; the candles hold bad prices.");
}
