using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Paper;

/// <summary>
/// Brings the account up to "now": reads the 1-minute candles that closed since each active symbol's last
/// sync and replays them in time order across symbols. Per candle: funding marks passed in a gap, resting
/// order fills, the liquidation check, then the new mark and the funding mark at its close.
/// </summary>
internal sealed class PaperCatchUp(IMarketData market, PaperBook book, PaperLedger ledger)
{
    /// <summary>IMarketData serves at most this many candles; a longer absence skips the oldest minutes.</summary>
    private const int MaxCandles = 1000;

    private Cursor[] _cursors = new Cursor[4];

    public async ValueTask RunAsync(long nowSeconds, CancellationToken cancellationToken)
    {
        var target = nowSeconds - nowSeconds % 60;
        var symbols = book.Symbols;
        var count = 0;
        for (var k = 0; k < symbols.Count; k++)
        {
            var symbol = symbols[k];
            var state = symbol.State;
            if (state.SyncedThrough >= target)
            {
                continue;
            }
            if (!symbol.IsActive)
            {
                // Nothing to fill, fund or liquidate: skip the minutes without reading them.
                state.SyncedThrough = target;
                continue;
            }
            var minutes = (int)Math.Min((target - state.SyncedThrough) / 60, MaxCandles);
            var candles = await market.GetCandlesAsync(symbol.Symbol, CandleInterval.OneMinute, minutes, cancellationToken);
            if (count == _cursors.Length)
            {
                Array.Resize(ref _cursors, count * 2);
            }
            var first = FirstUnseen(candles, state.SyncedThrough);
            if (QuietWindow.Covers(symbol, candles, first))
            {
                SkipQuiet(symbol, candles);
                continue;
            }
            _cursors[count++] = new Cursor(symbol, candles, first);
        }
        if (count > 0)
        {
            ReplayInTimeOrder(count);
            Array.Clear(_cursors, 0, count);
        }
    }

    /// <summary>A symbol that started trading again has no candle processed since; read its latest close for the mark.</summary>
    public async ValueTask RefreshStaleMarksAsync(CancellationToken cancellationToken)
    {
        var symbols = book.Symbols;
        for (var k = 0; k < symbols.Count; k++)
        {
            var state = symbols[k].State;
            if ((decimal.Sign(state.Long.Size) > 0 || decimal.Sign(state.Short.Size) > 0) && state.MarkTime < state.SyncedThrough)
            {
                var latest = await market.GetCandlesAsync(state.Symbol, CandleInterval.OneMinute, 1, cancellationToken);
                if (latest.Count > 0 && latest.Last.OpenTime + 60 > state.MarkTime)
                {
                    state.MarkPrice = latest.Last.Close;
                    state.MarkTime = latest.Last.OpenTime + 60;
                }
            }
        }
    }

    private void ReplayInTimeOrder(int count)
    {
        while (true)
        {
            var next = -1;
            var earliest = long.MaxValue;
            for (var k = 0; k < count; k++)
            {
                ref var cursor = ref _cursors[k];
                if (cursor.Index < cursor.Candles.Count && cursor.Candles.OpenTimes[cursor.Index] < earliest)
                {
                    earliest = cursor.Candles.OpenTimes[cursor.Index];
                    next = k;
                }
            }
            if (next < 0)
            {
                return;
            }
            ref var chosen = ref _cursors[next];
            Process(chosen.Symbol, chosen.Candles[chosen.Index]);
            chosen.Index++;
        }
    }

    private void Process(SymbolBook symbol, Candle candle)
    {
        var state = symbol.State;
        // A funding mark that passed inside a gap in the candles is paid at the last known mark.
        while (state.NextFundingTime <= candle.OpenTime)
        {
            ledger.Fund(symbol);
            state.NextFundingTime += SymbolBook.FundingInterval;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(candle.OpenTime);
        FillRestingOrders(symbol, candle, time);
        ledger.LiquidateIfBreached(symbol, candle, time);

        state.MarkPrice = candle.Close;
        state.MarkTime = state.SyncedThrough = candle.OpenTime + 60;
        // The candle that closes at a funding mark gives the price funding is paid at.
        while (state.NextFundingTime <= state.SyncedThrough)
        {
            ledger.Fund(symbol);
            state.NextFundingTime += SymbolBook.FundingInterval;
        }
    }

    /// <summary>Nothing could happen in the window: only the mark and the sync point move on.</summary>
    private static void SkipQuiet(SymbolBook symbol, CandleSeries candles)
    {
        var state = symbol.State;
        state.MarkPrice = candles.CloseAt(candles.Count - 1);
        state.MarkTime = state.SyncedThrough = candles.OpenTimes[^1] + 60;
    }

    private void FillRestingOrders(SymbolBook symbol, Candle candle, DateTimeOffset time)
    {
        var orders = symbol.OpenOrders;
        for (var i = 0; i < orders.Count;)
        {
            var order = orders[i];
            var tradedThrough = order.Side == OrderSide.Buy ? candle.Low <= order.Price : candle.High >= order.Price;
            if (tradedThrough && candle.OpenTime >= order.FillableFrom)
            {
                orders.RemoveAt(i);
                ledger.Fill(symbol, order, order.Price, FillLiquidity.Maker, time);
            }
            else
            {
                i++;
            }
        }
    }

    private static int FirstUnseen(CandleSeries candles, long syncedThrough)
    {
        var index = candles.OpenTimes.BinarySearch(syncedThrough);
        return index >= 0 ? index : ~index;
    }

    private struct Cursor(SymbolBook symbol, CandleSeries candles, int index)
    {
        public SymbolBook Symbol = symbol;
        public CandleSeries Candles = candles;
        public int Index = index;
    }
}
