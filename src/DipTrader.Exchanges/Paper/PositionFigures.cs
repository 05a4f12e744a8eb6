using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// The figures derived from one side of a position (margin, entry price, liquidation price), computed once per
/// change of size, entry value or leverage: the catch-up checks every candle against the liquidation price,
/// and decimal division is the expensive part of that check.
/// </summary>
internal struct PositionFigures
{
    private decimal _size;
    private decimal _entryValue;
    private int _leverage;

    public decimal Margin { get; private set; }

    public decimal EntryPrice { get; private set; }

    /// <summary>
    /// Where margin + uPnL meets size × price × maintenance rate. Comparing a candle's extreme with it is
    /// exact: the quotient is correctly rounded to 28 digits, so it can only equal a candle price when it is
    /// exactly that price.
    /// </summary>
    public decimal LiquidationPrice { get; private set; }

    public void Refresh(PaperPositionState position, int leverage, PositionSide side, decimal maintenanceRate)
    {
        // By the bits first: the figures are asked for on every candle and change only with a fill.
        if (DecimalIdentity.SameValue(position.Size, _size) && DecimalIdentity.SameValue(position.EntryValue, _entryValue) && leverage == _leverage)
        {
            return;
        }
        _size = position.Size;
        _entryValue = position.EntryValue;
        _leverage = leverage;
        if (_size <= 0)
        {
            Margin = EntryPrice = LiquidationPrice = 0m;
            return;
        }
        Margin = _entryValue / leverage;
        EntryPrice = _entryValue / _size;
        LiquidationPrice = side == PositionSide.Long
            ? Math.Max((_entryValue - Margin) / (_size * (1 - maintenanceRate)), 0m)
            : (_entryValue + Margin) / (_size * (1 + maintenanceRate));
    }
}
