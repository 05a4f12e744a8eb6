using System.Globalization;

namespace DipTrader.Exchanges.Paper;

/// <summary>The rejections of the paper venue, with the kinds and codes Phemex uses for the same mistakes.</summary>
internal static class PaperErrors
{
    public static ExchangeException InvalidOrder(string code, string message) => Error(ExchangeErrorKind.InvalidOrder, code, message);

    public static ExchangeException PostOnlyWouldCross() => Error(ExchangeErrorKind.InvalidOrder, "CE_WILLCROSS", "post-only order would cross");

    public static ExchangeException InsufficientFunds(string code, decimal required, decimal available) =>
        Error(ExchangeErrorKind.InsufficientFunds, code, string.Create(CultureInfo.InvariantCulture,
            $"Not enough available balance: the order needs {decimal.Round(required, 8)} USDT, {decimal.Round(available, 8)} USDT is available."));

    public static ExchangeException DuplicateClientOrderId(string clientOrderId) =>
        Error(ExchangeErrorKind.DuplicateClientOrderId, "11085", $"Client order id {clientOrderId} was used before.");

    private static ExchangeException Error(ExchangeErrorKind kind, string code, string message) =>
        new(new ExchangeError(kind, message, code));
}
