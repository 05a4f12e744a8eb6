using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// A simulated hedged USDT-perpetual account over any <see cref="IMarketData"/>: the one fill model of paper
/// trading and backtests. Before every operation it catches up with the clock (<see cref="TimeProvider"/>):
/// the 1-minute candles closed since its last sync fill resting orders, pay funding and liquidate. Limit
/// orders that cross the quote fill at once as taker at the quote; the rest wait for a later candle to trade
/// through their price and fill as maker at it. Marks are the close of the latest closed 1-minute candle.
/// Operations are serialised, so one account may be shared by concurrent callers.
/// </summary>
public sealed class PaperAccount : ITradingAccount
{
    private const long Day = 86_400;

    private readonly IMarketData _market;
    private readonly TimeProvider _time;
    private readonly PaperAccountOptions _options;
    private readonly PaperBook _book;
    private readonly PaperLedger _ledger;
    private readonly PaperCatchUp _catchUp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextPruneSeconds;

    /// <param name="state">A saved account to continue (the account takes it over); null opens a new one with <see cref="PaperAccountOptions.InitialBalance"/>.</param>
    public PaperAccount(IMarketData market, TimeProvider time, PaperAccountOptions? options = null, PaperAccountState? state = null)
    {
        _options = options ?? new PaperAccountOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Paper account settings are invalid: " + string.Join(" ", problems), nameof(options));
        }
        _market = market;
        _time = time;
        var accountState = state ?? PaperAccountState.New(_options.InitialBalance);
        _book = new PaperBook(accountState, _options);
        _ledger = new PaperLedger(accountState, _options);
        _catchUp = new PaperCatchUp(market, _book, _ledger);
    }

    /// <summary>Continues the account saved under <paramref name="accountName"/>, or opens a new one.</summary>
    public static async ValueTask<PaperAccount> OpenAsync(
        IPaperAccountStore store, string accountName, IMarketData market, TimeProvider time, PaperAccountOptions? options, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(accountName, cancellationToken);
        return new PaperAccount(market, time, options, state);
    }

    /// <summary>Wallet balance as of the last operation (no catch-up).</summary>
    public decimal Balance => _book.State.Balance;

    public decimal InitialBalance => _book.State.InitialBalance;

    /// <summary>Every fee paid so far, a positive sum.</summary>
    public decimal FeesPaid => _book.State.FeesPaid;

    /// <summary>Funding received minus funding paid so far.</summary>
    public decimal NetFunding => _book.State.NetFunding;

    /// <summary>Every fill so far, oldest first: a live view, to read between operations (a backtest reads it at the end).</summary>
    public IReadOnlyList<PaperFill> Fills => _book.State.Fills;

    /// <summary>Every liquidation so far, oldest first: a live view, to read between operations.</summary>
    public IReadOnlyList<PaperLiquidation> Liquidations => _book.State.Liquidations;

    /// <summary>Saves the account's state under <paramref name="accountName"/>, consistently with any operation running.</summary>
    public async ValueTask SaveAsync(IPaperAccountStore store, string accountName, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await store.SaveAsync(accountName, _book.State, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<AccountSnapshot> GetAccountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            await _catchUp.RefreshStaleMarksAsync(cancellationToken);
            return _book.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<OrderInfo> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        PaperOrderRules.CheckClientOrderId(order.ClientOrderId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = await CatchUpAsync(cancellationToken);
            if (_book.FindOrder(order.ClientOrderId) is { } placedBefore)
            {
                // As ITradingAccount promises (and the Phemex client does): the order already placed under this
                // id answers, and nothing is placed. An id taken on another symbol cannot be that order.
                return string.Equals(placedBefore.Symbol, order.Symbol, StringComparison.Ordinal)
                    ? placedBefore.ToInfo()
                    : throw PaperErrors.DuplicateClientOrderId(order.ClientOrderId);
            }
            var instrument = await _market.GetInstrumentAsync(order.Symbol, cancellationToken);
            var existing = _book.Find(order.Symbol);
            PaperOrderRules.Check(order, instrument, existing?.Position(order.PositionSide).Size ?? 0m);

            var quote = await _market.GetQuoteAsync(order.Symbol, cancellationToken);
            var crosses = order.Side == OrderSide.Buy ? order.Price >= quote.Ask : order.Price <= quote.Bid;
            if (crosses && order.TimeInForce == TimeInForce.PostOnly)
            {
                throw PaperErrors.PostOnlyWouldCross();
            }
            var fillPrice = !crosses ? order.Price : order.Side == OrderSide.Buy ? quote.Ask : quote.Bid;
            var opens = order.Side == order.PositionSide.EntrySide();
            if (opens)
            {
                var leverage = existing?.Leverage(order.PositionSide) ?? _options.DefaultLeverage;
                var cost = SymbolBook.OpeningCost(order.Quantity * fillPrice, leverage, crosses ? _options.TakerFeeRate : _options.MakerFeeRate);
                var available = _book.AvailableBalance();
                if (cost > available)
                {
                    throw PaperErrors.InsufficientFunds("11001", cost, available);
                }
            }

            var nowSeconds = now.ToUnixTimeSeconds();
            var symbol = existing ?? _book.GetOrAdd(order.Symbol, nowSeconds - nowSeconds % 60);
            if (!symbol.IsActive)
            {
                symbol.Activate(nowSeconds);
            }
            var placed = NewOrder(order, now);
            _book.AddOrder(placed);
            if (crosses)
            {
                _ledger.Fill(symbol, placed, fillPrice, FillLiquidity.Taker, now);
            }
            else if (order.TimeInForce == TimeInForce.ImmediateOrCancel)
            {
                placed.Close(OrderStatus.Canceled, now, "Immediate-or-cancel order did not cross the quote.");
            }
            else
            {
                symbol.OpenOrders.Add(placed);
            }
            ForgetOldOrders(now);
            return placed.ToInfo();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> CancelOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = await CatchUpAsync(cancellationToken);
            var book = _book.Find(symbol);
            if (book is null)
            {
                // Answers NotFound for a symbol the venue does not list.
                await _market.GetInstrumentAsync(symbol, cancellationToken);
                return false;
            }
            // As on Phemex, the id names the order only with its symbol and position side.
            var index = book.OpenOrders.FindIndex(o => o.PositionSide == side && string.Equals(o.ClientOrderId, clientOrderId, StringComparison.Ordinal));
            if (index < 0)
            {
                return false;
            }
            book.OpenOrders[index].Close(OrderStatus.Canceled, now, "Cancelled by the bot.");
            book.OpenOrders.RemoveAt(index);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<string>> GetOpenClientOrderIdsAsync(string symbol, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            return _book.Find(symbol)?.OpenOrders.ConvertAll(o => o.ClientOrderId) ?? [];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Paper models isolated margin only: the leverage is set, <paramref name="marginMode"/> plays no part.</summary>
    public async ValueTask SetLeverageAsync(string symbol, int leverage, MarginMode marginMode, CancellationToken cancellationToken)
    {
        if (leverage < 1 || leverage > _options.MaxLeverage)
        {
            throw PaperErrors.InvalidOrder("11004", string.Create(CultureInfo.InvariantCulture, $"Leverage {leverage} is outside 1 to {_options.MaxLeverage}."));
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = await CatchUpAsync(cancellationToken);
            await _market.GetInstrumentAsync(symbol, cancellationToken);
            var nowSeconds = now.ToUnixTimeSeconds();
            var book = _book.GetOrAdd(symbol, nowSeconds - nowSeconds % 60);
            var state = book.State;
            var extraMargin = state.Long.EntryValue / leverage - book.Margin(PositionSide.Long)
                + state.Short.EntryValue / leverage - book.Margin(PositionSide.Short)
                + book.ReservedMargin(_options.MakerFeeRate, leverage, leverage) - book.ReservedMargin(_options.MakerFeeRate);
            var available = _book.AvailableBalance();
            if (extraMargin > 0 && extraMargin > available)
            {
                throw PaperErrors.InsufficientFunds("11005", extraMargin, available);
            }
            state.LongLeverage = leverage;
            state.ShortLeverage = leverage;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Paper keeps every order in one book: the same as <see cref="FindOrderAsync"/>.</summary>
    public ValueTask<OrderInfo?> FindClosedOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken) =>
        FindOrderAsync(symbol, side, clientOrderId, cancellationToken);

    public async ValueTask<OrderInfo?> FindOrderAsync(string symbol, PositionSide side, string clientOrderId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            var order = _book.FindOrder(clientOrderId);
            return order is not null && string.Equals(order.Symbol, symbol, StringComparison.Ordinal) ? order.ToInfo() : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<DateTimeOffset> CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _catchUp.RunAsync(now.ToUnixTimeSeconds(), cancellationToken);
        return now;
    }

    private PaperOrderState NewOrder(OrderRequest order, DateTimeOffset now)
    {
        var sequence = ++_book.State.OrderSequence;
        return new PaperOrderState
        {
            Symbol = order.Symbol,
            ClientOrderId = order.ClientOrderId,
            ExchangeOrderId = "paper-" + sequence.ToString(CultureInfo.InvariantCulture),
            Side = order.Side,
            PositionSide = order.PositionSide,
            Quantity = order.Quantity,
            Price = order.Price,
            TimeInForce = order.TimeInForce,
            ReduceOnly = order.ReduceOnly,
            Status = OrderStatus.New,
            PlacedAt = now,
        };
    }

    /// <summary>
    /// Forgets closed orders past the retention, a quarter of the retention at a time (at least a day), so
    /// that removing them from the front of the order list costs O(1) per order.
    /// </summary>
    private void ForgetOldOrders(DateTimeOffset now)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        if (nowSeconds < _nextPruneSeconds)
        {
            return;
        }
        _book.ForgetClosedOrdersBefore(now - _options.ClosedOrderRetention);
        _nextPruneSeconds = nowSeconds + Math.Max(Day, (long)_options.ClosedOrderRetention.TotalSeconds / 4);
    }
}
