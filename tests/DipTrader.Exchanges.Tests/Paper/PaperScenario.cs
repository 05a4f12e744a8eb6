using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>
/// A paper account over a real replay of scripted BTCUSDT (and ETHUSDT) minutes, with a fake clock. Minute
/// <c>m</c> opens at <see cref="Start"/> + m minutes; by default every minute trades flat at
/// <see cref="Price"/> ± 10, so resting orders away from it never fill unless a scripted minute reaches them.
/// </summary>
internal sealed class PaperScenario
{
    public const string Btc = "BTCUSDT";
    public const string Eth = "ETHUSDT";
    public const decimal Price = 50_000m;
    public const decimal EthPrice = 3_000m;

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Candle[] _btc;
    private readonly Candle[] _eth;
    private int _ids;

    public PaperScenario(int minutes = 600)
    {
        _btc = Flat(minutes, Price, 10m);
        _eth = Flat(minutes, EthPrice, 1m);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public PaperAccountOptions Options { get; } = new();

    public ReplayMarketData Market { get; private set; } = null!;

    public PaperAccount Account { get; private set; } = null!;

    /// <summary>Scripts BTCUSDT minutes [from, to] to trade at <paramref name="close"/> (± 10 unless low/high are given).</summary>
    public PaperScenario Trade(int from, int to, decimal close, decimal? low = null, decimal? high = null)
    {
        for (var m = from; m <= to; m++)
        {
            _btc[m] = MakeCandle(m, close, low ?? close - 10m, high ?? close + 10m);
        }
        return this;
    }

    public PaperScenario TradeAt(int minute, decimal close, decimal? low = null, decimal? high = null) => Trade(minute, minute, close, low, high);

    /// <summary>Builds the market and a fresh account with <see cref="Options"/>; the clock stands at <paramref name="minute"/>.</summary>
    public PaperScenario Open(int minute = 5, PaperAccountState? state = null)
    {
        Market = new ReplayMarketData(
            new Dictionary<string, CandleSeries>
            {
                [Btc] = CandleSeries.From(1, _btc),
                [Eth] = CandleSeries.From(1, _eth),
            },
            Clock);
        At(minute);
        Account = new PaperAccount(Market, Clock, Options, state);
        return this;
    }

    public void At(int minute, int second = 0) => Clock.SetUtcNow(Start.AddMinutes(minute).AddSeconds(second));

    public ValueTask<OrderInfo> Place(OrderSide side, PositionSide positionSide, decimal quantity, decimal price,
        TimeInForce timeInForce = TimeInForce.GoodTillCancel, bool reduceOnly = false, string symbol = Btc, string? id = null) =>
        Account.PlaceOrderAsync(new OrderRequest(symbol, id ?? NextId(), side, positionSide, quantity, price, timeInForce, reduceOnly), TestContext.Current.CancellationToken);

    /// <summary>Opens a position at once with a crossing order (taker, at the quote).</summary>
    public ValueTask<OrderInfo> Take(PositionSide side, decimal quantity, string symbol = Btc) =>
        Place(side.EntrySide(), side, quantity, side == PositionSide.Long ? 1_000_000m : 0.1m, symbol: symbol);

    public async Task<AccountSnapshot> Snapshot() => await Account.GetAccountAsync(TestContext.Current.CancellationToken);

    public async Task<Position?> Position(PositionSide side, string symbol = Btc) => (await Snapshot()).FindOpen(symbol, side);

    public string NextId() => "order-" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Candle[] Flat(int minutes, decimal price, decimal range)
    {
        var candles = new Candle[minutes];
        for (var m = 0; m < minutes; m++)
        {
            candles[m] = MakeCandle(m, price, price - range, price + range);
        }
        return candles;
    }

    private static Candle MakeCandle(int minute, decimal close, decimal low, decimal high) =>
        new(Start.AddMinutes(minute).ToUnixTimeSeconds(), close, Math.Max(high, close), Math.Min(low, close), close, 1m);
}
