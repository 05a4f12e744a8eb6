namespace DipTrader.Trading.Market;

/// <summary>Trading rules of one perpetual contract.</summary>
/// <param name="QtyStep">Quantities are multiples of this.</param>
/// <param name="MinQty">The smallest quantity (Phemex: one step).</param>
/// <param name="MaxQty">The largest quantity of one order.</param>
/// <param name="TickSize">Prices are multiples of this.</param>
public sealed record Instrument(string Symbol, decimal QtyStep, decimal MinQty, decimal MaxQty, decimal TickSize)
{
    /// <summary>Floors <paramref name="quantity"/> to the step, then clamps it into [MinQty, MaxQty].</summary>
    public decimal RoundQuantity(decimal quantity)
    {
        var floored = quantity > 0 ? Math.Floor(quantity / QtyStep) * QtyStep : 0m;
        return Math.Clamp(floored, MinQty, MaxQty);
    }
}
