namespace DipTrader.Exchanges.Replay;

internal static class ReplayErrors
{
    public static ExchangeException UnknownSymbol(string symbol) =>
        new(new ExchangeError(ExchangeErrorKind.NotFound, $"Symbol {symbol} is not part of this market."));
}
