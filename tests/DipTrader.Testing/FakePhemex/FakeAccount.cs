using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>
/// One API key's hedged USDT account at the fake: balance, positions, leverage and margin mode per symbol side, and orders.
/// Every member is thread-safe (guarded by the server's lock).
/// </summary>
public sealed partial class FakeAccount
{
    private readonly Lock _sync;
    private readonly FakeMarket _market;
    private readonly FakePhemexOptions _options;
    private readonly Dictionary<string, FakeOrder> _ordersByClientId = new(StringComparer.Ordinal);
    private readonly List<string> _orderSequence = [];
    private readonly List<string> _resting = [];
    private readonly HashSet<string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Symbol, PositionSide Side), FakePosition> _positions = [];
    /// <summary>Phemex's <c>leverageRr</c> per side: negative is cross margin, positive isolated.</summary>
    private readonly Dictionary<(string Symbol, PositionSide Side), decimal> _leverage = [];
    private decimal _balance;
    private long _nextOrderId;

    internal FakeAccount(string apiKey, string apiSecret, decimal balance, Lock sync, FakeMarket market, FakePhemexOptions options)
    {
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        _balance = balance;
        _sync = sync;
        _market = market;
        _options = options;
    }

    public string ApiKey { get; }

    internal string ApiSecret { get; }

    /// <summary>The wallet balance (<c>accountBalanceRv</c>): deposits plus realised PnL minus fees.</summary>
    public decimal Balance
    {
        get { lock (_sync) { return _balance; } }
        set { lock (_sync) { _balance = value; } }
    }

    /// <summary>Every order ever booked, oldest first.</summary>
    public IReadOnlyList<FakeOrder> Orders
    {
        get { lock (_sync) { return [.. _orderSequence.Select(id => _ordersByClientId[id])]; } }
    }

    public FakeOrder? Order(string clientOrderId)
    {
        lock (_sync)
        {
            return _ordersByClientId.GetValueOrDefault(clientOrderId);
        }
    }

    /// <summary>How many orders carry this client order id (the fake never books two, Phemex neither).</summary>
    public int CountOrders(string clientOrderId) => Orders.Count(o => o.ClientOrderId == clientOrderId);

    public FakePosition? Position(string symbol, PositionSide side)
    {
        lock (_sync)
        {
            return _positions.GetValueOrDefault((symbol, side));
        }
    }

    /// <summary>Puts a position in place directly (test setup).</summary>
    public void SetPosition(string symbol, PositionSide side, decimal size, decimal entryPrice)
    {
        lock (_sync)
        {
            _positions[(symbol, side)] = new FakePosition(symbol, side, size, entryPrice);
            _symbols.Add(symbol);
        }
    }

    /// <summary>The size of the side's leverage, whatever its margin mode.</summary>
    public decimal Leverage(string symbol, PositionSide side)
    {
        lock (_sync)
        {
            return LeverageOf(symbol, side);
        }
    }

    /// <summary>Whether the side is on cross margin (its <c>leverageRr</c> is negative) rather than isolated.</summary>
    public bool CrossMargin(string symbol, PositionSide side)
    {
        lock (_sync)
        {
            return LeverageRrOf(symbol, side) < 0;
        }
    }

    /// <summary>Sets both sides as Phemex's <c>leverageRr</c> does: negative for cross margin, positive for isolated (test setup).</summary>
    public void SetLeverage(string symbol, decimal leverageRr)
    {
        lock (_sync)
        {
            SetLeverage(symbol, leverageRr, leverageRr);
        }
    }

    /// <summary>Symbols with a position, a leverage setting or an order: the ones the positions endpoint lists.</summary>
    internal IEnumerable<string> TradedSymbols => _symbols;

    /// <summary>The size of the leverage, for margin arithmetic.</summary>
    internal decimal LeverageOf(string symbol, PositionSide side) => Math.Abs(LeverageRrOf(symbol, side));

    /// <summary>The leverage with its margin-mode sign, as the positions endpoint reports it.</summary>
    internal decimal LeverageRrOf(string symbol, PositionSide side) => _leverage.GetValueOrDefault((symbol, side), _options.DefaultLeverage);

    internal void SetLeverage(string symbol, decimal longLeverageRr, decimal shortLeverageRr)
    {
        _leverage[(symbol, PositionSide.Long)] = longLeverageRr;
        _leverage[(symbol, PositionSide.Short)] = shortLeverageRr;
        _symbols.Add(symbol);
    }

    internal FakePosition? PositionOf(string symbol, PositionSide side) => _positions.GetValueOrDefault((symbol, side));

    internal FakeOrder? OrderOf(string clientOrderId) => _ordersByClientId.GetValueOrDefault(clientOrderId);

    internal IEnumerable<FakeOrder> RestingOrders(string symbol) =>
        _resting.Select(id => _ordersByClientId[id]).Where(o => o.Symbol == symbol);

    /// <summary>Margin held by positions and by resting orders that would grow one.</summary>
    internal decimal UsedMargin() =>
        _positions.Values.Sum(p => p.Size * p.EntryPrice / LeverageOf(p.Symbol, p.Side))
        + _resting.Select(id => _ordersByClientId[id]).Where(o => o.Opens).Sum(o => o.Quantity * o.Price / LeverageOf(o.Symbol, o.PositionSide));

    internal string NewOrderId() => $"fake-{++_nextOrderId}";

    internal void Book(FakeOrder order)
    {
        _ordersByClientId.Add(order.ClientOrderId, order);
        _orderSequence.Add(order.ClientOrderId);
        _symbols.Add(order.Symbol);
        if (order.IsResting)
        {
            _resting.Add(order.ClientOrderId);
        }
    }

    /// <summary>Replaces an order with its new state, keeping the resting list in step.</summary>
    internal void Update(FakeOrder order)
    {
        _ordersByClientId[order.ClientOrderId] = order;
        if (!order.IsResting)
        {
            _resting.Remove(order.ClientOrderId);
        }
    }

    internal FakeOrder Cancel(FakeOrder order)
    {
        var cancelled = order with { Status = "Canceled", Text = "Canceled by user" };
        Update(cancelled);
        return cancelled;
    }

    internal int CancelResting(string symbol)
    {
        var cancelled = 0;
        foreach (var order in RestingOrders(symbol).ToList())
        {
            Update(order with { Status = "Canceled", Text = "Canceled by user" });
            cancelled++;
        }
        return cancelled;
    }
}
