using DipTrader.Exchanges;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Running;

/// <summary>
/// Reads what one decision needs from the market: the quote, the contract rules and the three candle
/// windows (EMA interval, one hour, five minutes), then computes the indicators. A failed or empty read
/// throws: it is an error, never "no data".
/// </summary>
internal static class MarketObserver
{
    public static async ValueTask<MarketSnapshot> ObserveAsync(IMarketData market, PairSettings pair, CancellationToken cancellationToken)
    {
        var symbol = pair.Symbol;
        var quote = await market.GetQuoteAsync(symbol, cancellationToken);
        var instrument = await market.GetInstrumentAsync(symbol, cancellationToken);
        var emaCandles = await market.GetCandlesAsync(symbol, pair.EmaInterval, IndicatorCalculator.EmaWindow, cancellationToken);
        var hourCandles = pair.EmaInterval == CandleInterval.OneHour
            ? emaCandles
            : await market.GetCandlesAsync(symbol, CandleInterval.OneHour, IndicatorCalculator.EmaWindow, cancellationToken);
        var volatilityCandles = pair.EmaInterval == IndicatorCalculator.VolatilityInterval
            ? emaCandles.TakeLast(IndicatorCalculator.VolatilityWindow)
            : await market.GetCandlesAsync(symbol, IndicatorCalculator.VolatilityInterval, IndicatorCalculator.VolatilityWindow, cancellationToken);
        if (emaCandles.Count == 0)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.NotFound, $"No closed {pair.EmaInterval}-minute candles for {symbol}: EMA50 and EMA200 cannot be computed."));
        }
        if (hourCandles.Count == 0)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.NotFound, $"No closed one-hour candles for {symbol}: the 1 h EMA100 cannot be computed."));
        }
        // Fewer than a full window still decides; none at all would open and add with no volatility or decline check.
        if (volatilityCandles.Count == 0)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.NotFound, $"No closed 5-minute candles for {symbol}: volatility and the decline cannot be assessed."));
        }
        if (quote.Bid <= 0 || quote.Ask <= 0 || quote.Bid > quote.Ask)
        {
            throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unknown, $"The quote for {symbol} is not usable (bid {quote.Bid}, ask {quote.Ask})."));
        }
        var indicators = IndicatorCalculator.Compute(emaCandles, hourCandles, volatilityCandles, (double)pair.Strategy.AtrFactor);
        return new MarketSnapshot(quote, instrument, indicators);
    }
}
