using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>What the market looks like at decision time: quote, contract rules and indicators.</summary>
public sealed record MarketSnapshot(Quote Quote, Instrument Instrument, IndicatorSnapshot Indicators);
