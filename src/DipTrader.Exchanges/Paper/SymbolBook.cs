using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>A symbol's persisted state with what the account keeps beside it at run time: its open orders and its position figures.</summary>
internal sealed class SymbolBook(PaperSymbolState state, decimal maintenanceRate)
{
    public const long FundingInterval = 8 * 3600;

    private PositionFigures _long;
    private PositionFigures _short;
    private (RowInputs Inputs, Position? Row) _longRow;
    private (RowInputs Inputs, Position? Row) _shortRow;

    public PaperSymbolState State { get; } = state;

    public string Symbol => State.Symbol;

    /// <summary>Resting orders, oldest first.</summary>
    public List<PaperOrderState> OpenOrders { get; } = [];

    /// <summary>A symbol needs candles while it has a position or a resting order.</summary>
    public bool IsActive => OpenOrders.Count > 0 || decimal.Sign(State.Long.Size) > 0 || decimal.Sign(State.Short.Size) > 0;

    public PaperPositionState Position(PositionSide side) => side == PositionSide.Long ? State.Long : State.Short;

    public int Leverage(PositionSide side) => side == PositionSide.Long ? State.LongLeverage : State.ShortLeverage;

    /// <summary>Isolated margin: entry notional / leverage (the snapshot's PositionMargin).</summary>
    public decimal Margin(PositionSide side) => Figures(side).Margin;

    /// <summary>Margin, entry price and liquidation price of one side, as of its current size, value and leverage.</summary>
    public PositionFigures Figures(PositionSide side)
    {
        if (side == PositionSide.Long)
        {
            _long.Refresh(State.Long, State.LongLeverage, side, maintenanceRate);
            return _long;
        }
        _short.Refresh(State.Short, State.ShortLeverage, side, maintenanceRate);
        return _short;
    }

    /// <summary>Margin held back for resting orders that open or add: notional / leverage plus the maker fee.</summary>
    public decimal ReservedMargin(decimal makerFeeRate) => ReservedMargin(makerFeeRate, State.LongLeverage, State.ShortLeverage);

    public decimal ReservedMargin(decimal makerFeeRate, int longLeverage, int shortLeverage)
    {
        var reserved = 0m;
        foreach (var order in OpenOrders)
        {
            if (!order.Closes)
            {
                var leverage = order.PositionSide == PositionSide.Long ? longLeverage : shortLeverage;
                reserved += OpeningCost(order.Quantity * order.Price, leverage, makerFeeRate);
            }
        }
        return reserved;
    }

    /// <summary>What opening <paramref name="notional"/> ties up: its margin and its fee.</summary>
    public static decimal OpeningCost(decimal notional, int leverage, decimal feeRate) => notional / leverage + notional * feeRate;

    /// <summary>A symbol that starts trading again pays funding only from the next 8-hour mark after now.</summary>
    public void Activate(long nowSeconds) => State.NextFundingTime = nowSeconds - nowSeconds % FundingInterval + FundingInterval;

    /// <summary>The side's row of an account snapshot; the previous row again when size, entry, mark and leverage are unchanged.</summary>
    public Position Row(PositionSide side)
    {
        var position = Position(side);
        var inputs = new RowInputs(position.Size, position.EntryValue, MarkOrEntry(side), Leverage(side));
        ref var cached = ref side == PositionSide.Long ? ref _longRow : ref _shortRow;
        if (cached.Row is { } row && cached.Inputs.Same(inputs))
        {
            return row;
        }
        cached = (inputs, NewRow(side, inputs));
        return cached.Row!;
    }

    private Position NewRow(PositionSide side, RowInputs inputs)
    {
        if (inputs.Size <= 0)
        {
            return new Position(Symbol, side, 0m, 0m, inputs.Mark, 0m, 0m, maintenanceRate, inputs.Leverage, MarginMode.Isolated);
        }
        var figures = Figures(side);
        var markValue = inputs.Size * inputs.Mark;
        var pnl = side == PositionSide.Long ? markValue - inputs.EntryValue : inputs.EntryValue - markValue;
        return new Position(Symbol, side, inputs.Size, figures.EntryPrice, inputs.Mark, figures.Margin, pnl, maintenanceRate, inputs.Leverage, MarginMode.Isolated);
    }

    public decimal MarkOrEntry(PositionSide side)
    {
        if (decimal.Sign(State.MarkPrice) > 0)
        {
            return State.MarkPrice;
        }
        var position = Position(side);
        return position.Size > 0 ? position.EntryValue / position.Size : 0m;
    }

    private readonly record struct RowInputs(decimal Size, decimal EntryValue, decimal Mark, int Leverage)
    {
        // Scale too: 1.0 and 1.00 are equal but print differently.
        public bool Same(RowInputs other) => DecimalIdentity.SameValueAndScale(Size, other.Size) && DecimalIdentity.SameValueAndScale(EntryValue, other.EntryValue)
            && DecimalIdentity.SameValueAndScale(Mark, other.Mark) && Leverage == other.Leverage;
    }
}
