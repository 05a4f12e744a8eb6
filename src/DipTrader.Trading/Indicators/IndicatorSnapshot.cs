namespace DipTrader.Trading.Indicators;

/// <summary>
/// Every indicator value one decision reads. EMAs are <see cref="decimal"/> because they are compared with
/// prices; the volatility measures stay <see cref="double"/>.
/// </summary>
/// <param name="Ema50">EMA(50) of closes at the pair's EMA interval.</param>
/// <param name="Ema200">EMA(200) of closes at the pair's EMA interval.</param>
/// <param name="Ema100H1">EMA(100) of one-hour closes.</param>
/// <param name="Volatility">ATR, its threshold, Bollinger width and historical volatility of the 5-minute window.</param>
/// <param name="Decline">ROC and volume inputs of the velocity score; null when the window is too short.</param>
public sealed record IndicatorSnapshot(
    decimal Ema50,
    decimal Ema200,
    decimal Ema100H1,
    VolatilityMetrics Volatility,
    DeclineInputs? Decline);
