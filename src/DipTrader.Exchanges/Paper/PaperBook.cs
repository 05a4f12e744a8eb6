using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>The account's state with the indexes that keep every operation O(open orders): symbols and orders by name.</summary>
internal sealed class PaperBook
{
    private readonly Dictionary<string, SymbolBook> _bySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PaperOrderState> _byClientId = new(StringComparer.Ordinal);
    private readonly List<SymbolBook> _symbols = [];
    private readonly PaperAccountOptions _options;
    private AccountSnapshot? _lastSnapshot;

    // The last snapshot's rows as the array they are: read through the snapshot's list, every row is an interface call.
    private Position[] _lastRows = [];

    public PaperBook(PaperAccountState state, PaperAccountOptions options)
    {
        if (state.Version != PaperAccountState.CurrentVersion)
        {
            throw new ArgumentException($"Paper account state version {state.Version} is not supported (expected {PaperAccountState.CurrentVersion}).", nameof(state));
        }
        State = state;
        _options = options;
        foreach (var symbol in state.Symbols)
        {
            var book = new SymbolBook(symbol, options.MaintenanceMarginRate);
            _bySymbol.Add(symbol.Symbol, book);
            _symbols.Add(book);
        }
        foreach (var order in state.Orders)
        {
            _byClientId.Add(order.ClientOrderId, order);
            if (order.IsOpen)
            {
                _bySymbol[order.Symbol].OpenOrders.Add(order);
            }
        }
    }

    public PaperAccountState State { get; }

    public IReadOnlyList<SymbolBook> Symbols => _symbols;

    public SymbolBook? Find(string symbol) => _bySymbol.GetValueOrDefault(symbol);

    public SymbolBook GetOrAdd(string symbol, long syncedThrough)
    {
        if (_bySymbol.TryGetValue(symbol, out var book))
        {
            return book;
        }
        var state = new PaperSymbolState
        {
            Symbol = symbol,
            LongLeverage = _options.DefaultLeverage,
            ShortLeverage = _options.DefaultLeverage,
            SyncedThrough = syncedThrough,
        };
        State.Symbols.Add(state);
        book = new SymbolBook(state, _options.MaintenanceMarginRate);
        _bySymbol.Add(symbol, book);
        _symbols.Add(book);
        return book;
    }

    public PaperOrderState? FindOrder(string clientOrderId) => _byClientId.GetValueOrDefault(clientOrderId);

    public void AddOrder(PaperOrderState order)
    {
        State.Orders.Add(order);
        _byClientId.Add(order.ClientOrderId, order);
    }

    /// <summary>
    /// Balance and a Long and a Short row for every symbol touched, flat sides with size 0, as Phemex lists them.
    /// The snapshot is immutable, so when nothing in it changed since the last one (a second read in the same
    /// minute, or a flat account) that one is answered again.
    /// </summary>
    public AccountSnapshot Snapshot()
    {
        var symbols = _symbols;
        var last = _lastSnapshot;
        var lastRows = _lastRows;
        var unchanged = last is not null && lastRows.Length == symbols.Count * 2 && DecimalIdentity.SameValueAndScale(last.Balance, State.Balance);
        for (var k = 0; unchanged && k < symbols.Count; k++)
        {
            unchanged = ReferenceEquals(symbols[k].Row(PositionSide.Long), lastRows[2 * k]) && ReferenceEquals(symbols[k].Row(PositionSide.Short), lastRows[2 * k + 1]);
        }
        if (unchanged)
        {
            return last!;
        }
        var rows = new Position[symbols.Count * 2];
        for (var k = 0; k < symbols.Count; k++)
        {
            rows[2 * k] = symbols[k].Row(PositionSide.Long);
            rows[2 * k + 1] = symbols[k].Row(PositionSide.Short);
        }
        _lastRows = rows;
        return _lastSnapshot = new AccountSnapshot(State.Balance, rows);
    }

    /// <summary>Balance minus the margin of every position and the margin reserved by resting orders.</summary>
    public decimal AvailableBalance()
    {
        var available = State.Balance;
        foreach (var book in _symbols)
        {
            available -= book.Margin(PositionSide.Long) + book.Margin(PositionSide.Short)
                + book.ReservedMargin(_options.MakerFeeRate);
        }
        return available;
    }

    /// <summary>
    /// Forgets orders closed before <paramref name="cutoff"/>, so a long-running paper bot's state stays small.
    /// Orders are kept in placement order, so only those placed before the cutoff need looking at.
    /// </summary>
    public void ForgetClosedOrdersBefore(DateTimeOffset cutoff)
    {
        var orders = State.Orders;
        var kept = 0;
        var scanned = 0;
        for (; scanned < orders.Count && orders[scanned].PlacedAt < cutoff; scanned++)
        {
            var order = orders[scanned];
            if (!order.IsOpen && order.ClosedAt < cutoff)
            {
                _byClientId.Remove(order.ClientOrderId);
            }
            else
            {
                orders[kept++] = order;
            }
        }
        orders.RemoveRange(kept, scanned - kept);
    }
}
