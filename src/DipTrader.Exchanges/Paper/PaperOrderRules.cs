using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>What an order must satisfy before the paper venue looks at the book, as Phemex checks it.</summary>
internal static class PaperOrderRules
{
    public const int MaxClientOrderIdLength = 40;

    public static void CheckClientOrderId(string clientOrderId)
    {
        if (string.IsNullOrEmpty(clientOrderId) || clientOrderId.Length > MaxClientOrderIdLength)
        {
            throw PaperErrors.InvalidOrder("412", $"A client order id has 1 to {MaxClientOrderIdLength} characters.");
        }
    }

    /// <param name="openSize">The size of the position the order belongs to (0 when flat).</param>
    public static void Check(OrderRequest order, Instrument instrument, decimal openSize)
    {
        var quantity = order.Quantity;
        if (quantity < instrument.MinQty || quantity <= 0)
        {
            throw PaperErrors.InvalidOrder("11058", Invariant($"Quantity {quantity} is below the minimum {instrument.MinQty} of {order.Symbol}."));
        }
        if (quantity % instrument.QtyStep != 0)
        {
            throw PaperErrors.InvalidOrder("11058", Invariant($"Quantity {quantity} is not a multiple of the step {instrument.QtyStep} of {order.Symbol}."));
        }
        if (quantity > instrument.MaxQty)
        {
            throw PaperErrors.InvalidOrder("11056", Invariant($"Quantity {quantity} is above the maximum {instrument.MaxQty} of {order.Symbol}."));
        }
        if (order.Price <= 0 || order.Price % instrument.TickSize != 0)
        {
            throw PaperErrors.InvalidOrder("11055", Invariant($"Price {order.Price} is not a positive multiple of the tick size {instrument.TickSize} of {order.Symbol}."));
        }

        var closes = order.Side == order.PositionSide.ExitSide();
        if (order.ReduceOnly && !closes)
        {
            throw PaperErrors.InvalidOrder("11011", $"A reduce-only {order.Side} order would increase the {order.PositionSide} position.");
        }
        if (closes && openSize <= 0)
        {
            throw PaperErrors.InvalidOrder("11057", $"There is no {order.PositionSide} position in {order.Symbol} to reduce.");
        }
        if (closes && quantity > openSize)
        {
            throw PaperErrors.InvalidOrder("11057", Invariant($"Quantity {quantity} is more than the {order.PositionSide} position of {openSize}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
