using System.Globalization;
using BenchmarkDotNet.Attributes;
using DipTrader.Exchanges;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;

namespace DipTrader.Benchmarks;

/// <summary>
/// The paper account's hot paths as a backtest drives them. Each invocation opens a fresh account (so order
/// ids and history start empty) and the figure is per operation:
/// <list type="bullet">
/// <item>a crossing order that fills at once as taker, followed by an account read;</item>
/// <item>one backtest run at the live 5-minute cadence: catch-up through the minutes since the last run
/// (resting orders filling as maker), cancel-all, account read, one post-only or reduce-only order.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class PaperAccountBenchmarks
{
    private const int Fills = 1_000;
    private const int Runs = 2_016; // one week of 5-minute runs

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CandleSeries _minutes = null!;
    private string[] _ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        _minutes = DemoCandles.Generate("BTCUSDT", 7, Start, Start.AddDays(9)).Minutes;
        _ids = Enumerable.Range(0, Math.Max(Fills, Runs)).Select(i => "run-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var (account, _) = Open();
        var fills = RunWeek(account);
        Console.WriteLine($"// A week of backtest runs fills {fills} orders ({account.Fills.Count(f => f.Liquidity == FillLiquidity.Maker)} as maker).");
    }

    [Benchmark(OperationsPerInvoke = Fills)]
    public decimal Crossing_fill_and_account_read()
    {
        var (account, _) = Open();
        var balance = 0m;
        for (var i = 0; i < Fills; i++)
        {
            var opens = i % 2 == 0;
            var order = opens
                ? new OrderRequest("BTCUSDT", _ids[i], OrderSide.Buy, PositionSide.Long, 0.01m, 1_000_000m, TimeInForce.GoodTillCancel, false)
                : new OrderRequest("BTCUSDT", _ids[i], OrderSide.Sell, PositionSide.Long, 0.01m, 0.1m, TimeInForce.GoodTillCancel, true);
            Done(account.PlaceOrderAsync(order, CancellationToken.None));
            balance += Done(account.GetAccountAsync(CancellationToken.None)).Balance;
        }
        return balance;
    }

    [Benchmark(OperationsPerInvoke = Runs)]
    public int Backtest_run_with_catch_up()
    {
        var (account, _) = Open();
        return RunWeek(account);
    }

    private int RunWeek(PaperAccount account)
    {
        var clock = _clock!;
        var market = _market!;
        for (var run = 0; run < Runs; run++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            if (run > 0)
            {
                Done(account.CancelOrderAsync("BTCUSDT", PositionSide.Long, _ids[run - 1], CancellationToken.None));
            }
            var snapshot = Done(account.GetAccountAsync(CancellationToken.None));
            var quote = Done(market.GetQuoteAsync("BTCUSDT", CancellationToken.None));
            var position = snapshot.FindOpen("BTCUSDT", PositionSide.Long);
            var order = position is { Size: >= 0.01m }
                ? new OrderRequest("BTCUSDT", _ids[run], OrderSide.Sell, PositionSide.Long, position.Size, quote.Ask, TimeInForce.GoodTillCancel, true)
                : new OrderRequest("BTCUSDT", _ids[run], OrderSide.Buy, PositionSide.Long, 0.002m, quote.Bid, TimeInForce.PostOnly, false);
            Done(account.PlaceOrderAsync(order, CancellationToken.None));
        }
        return account.Fills.Count;
    }

    private ReplayClock? _clock;
    private ReplayMarketData? _market;

    private (PaperAccount Account, ReplayMarketData Market) Open()
    {
        _clock = new ReplayClock(Start.AddDays(1));
        _market = new ReplayMarketData("BTCUSDT", _minutes, _clock);
        return (new PaperAccount(_market, _clock, new PaperAccountOptions { InitialBalance = 100_000m }), _market);
    }

    /// <summary>Replayed venues answer synchronously; a benchmark that awaited would measure the state machine.</summary>
    private static T Done<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The paper account answered asynchronously.");
}
