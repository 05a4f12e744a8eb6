using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Running;

/// <summary>
/// The pair's leverage on a live venue, the Phemex client against the fake Phemex: it is set in the margin mode the
/// account already has, and a change Phemex refuses still lets the pair reduce and close.
/// </summary>
public sealed class ExchangeLeverageTests : IAsyncLifetime
{
    private const string Symbol = "SOLUSDT";
    private const string Refusal = "Setting leverage of SOLUSDT to 20x failed: TE_INVALID_LEVERAGE; until it succeeds the pair only reduces or closes.";
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 30, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryPairStateStore _states = new();
    private readonly KeptNotifications _notifier = new();
    private FakePhemexVenue _phemex = null!;

    public async ValueTask InitializeAsync()
    {
        _phemex = await FakePhemexVenue.StartAsync(_clock, Token);
        _phemex.Server.SetQuote(Symbol, 100m, 100.001m);
    }

    public ValueTask DisposeAsync() => _phemex.DisposeAsync();

    [Theory]
    [InlineData(-10, true)]
    [InlineData(10, false)]
    public async Task Setting_leverage_keeps_the_margin_mode_the_account_has(int leverageRr, bool cross)
    {
        _phemex.Account.SetLeverage(Symbol, leverageRr);
        _phemex.Account.SetPosition(Symbol, PositionSide.Long, 5m, 100m);

        await RunAsync();

        Assert.All((PositionSide[])[PositionSide.Long, PositionSide.Short], side =>
            Assert.Equal((20m, cross), (_phemex.Account.Leverage(Symbol, side), _phemex.Account.CrossMargin(Symbol, side))));
    }

    [Fact]
    public async Task Setting_leverage_of_a_symbol_the_account_reports_nothing_of_keeps_phemex_default_cross_margin()
    {
        await RunAsync();

        Assert.Equal((20m, true), (_phemex.Account.Leverage(Symbol, PositionSide.Long), _phemex.Account.CrossMargin(Symbol, PositionSide.Long)));
    }

    [Fact]
    public async Task A_refused_leverage_change_still_closes_a_position_in_profit_and_the_run_says_why()
    {
        // 50 SOL bought at 80, now 100, above the EMA200 of a rising minute chart: T3 takes the whole profit.
        _phemex.Account.SetPosition(Symbol, PositionSide.Long, 50m, 80m);
        _phemex.SetCandles(Symbol, CandleInterval.OneMinute, Now, [.. Enumerable.Range(0, 1000).Select(i => 80m + i * 0.019m)]);
        RefuseLeverageChange();

        var pair = await RunAsync();

        Assert.Equal((Rule.T3, DecisionAction.Close), (pair.Decision!.Rule, pair.Decision.Action));
        var order = Assert.Single(_phemex.Account.Orders);
        Assert.Equal((OrderSide.Sell, 50m, true), (order.Side, order.Quantity, order.ReduceOnly));
        Assert.Equal(order.ClientOrderId, pair.Order!.ClientOrderId);
        Assert.Equal(Refusal, pair.Error);
        Assert.StartsWith("T3 Close: ", pair.Conclusion, StringComparison.Ordinal);
        Assert.EndsWith($"Error: {Refusal}", pair.Conclusion, StringComparison.Ordinal);
        var told = Assert.Single(_notifier.Messages, m => m.Kind == NotificationKind.RunFailed);
        Assert.Equal("Its Close order was placed. The next run tries again.", told.Footer);
    }

    [Fact]
    public async Task A_refused_leverage_change_stops_an_open_sized_for_it_until_a_later_run_sets_it()
    {
        // Price 100 in a calm market, well below the hourly EMA100 of 110: N1 opens.
        _phemex.SetCandles(Symbol, CandleInterval.OneHour, Now, [.. Enumerable.Repeat(110m, 200)]);
        RefuseLeverageChange();

        var refused = await RunAsync();

        Assert.Equal((Rule.N1, DecisionAction.Open), (refused.Decision!.Rule, refused.Decision.Action));
        Assert.Null(refused.Order);
        Assert.Empty(_phemex.Account.Orders);
        Assert.Equal($"The Open order was not placed: {Refusal}", refused.Error);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var next = await RunAsync();

        Assert.False(next.Failed, next.Error);
        Assert.Equal(20m, _phemex.Account.Leverage(Symbol, PositionSide.Long));
        Assert.Equal(next.Order!.ClientOrderId, Assert.Single(_phemex.Account.Orders).ClientOrderId);
    }

    [Fact]
    public async Task A_hold_while_the_leverage_change_is_refused_is_a_failure_that_names_the_refusal()
    {
        // Price 100 above the hourly EMA100 of 90: N4 waits for the dip.
        _phemex.SetCandles(Symbol, CandleInterval.OneHour, Now, [.. Enumerable.Repeat(90m, 200)]);
        RefuseLeverageChange();

        var pair = await RunAsync();

        Assert.Equal(Rule.N4, pair.Decision!.Rule);
        Assert.Equal(Refusal, pair.Error);
        Assert.Equal($"Error: {Refusal}", pair.Conclusion);
        Assert.Equal("error", pair.ExecutionAction);
    }

    [Fact]
    public async Task Unlike_a_refused_leverage_change_a_failed_cancel_keeps_the_pair_from_deciding_at_all()
    {
        // The pair is new to this process: what an earlier one left for it on the symbol must be found (and cancelled)
        // before anything is sent, so a failed listing of the symbol's orders stops the pair as a failed cancel does.
        _phemex.Account.SetPosition(Symbol, PositionSide.Long, 50m, 80m);
        _phemex.Server.Faults.Next(FakeFault.BusinessError(39999, "TE_LIST_FAILED"), method: "GET", path: "/g-orders/activeList");

        var pair = await RunAsync();

        Assert.Null(pair.Decision);
        Assert.Equal("Error: TE_LIST_FAILED", pair.Conclusion);
        Assert.Empty(_phemex.Account.Orders);
        Assert.Equal(10m, _phemex.Account.Leverage(Symbol, PositionSide.Long)); // not even the leverage is touched
    }

    private void RefuseLeverageChange() =>
        _phemex.Server.Faults.Next(FakeFault.BusinessError(11074, "TE_INVALID_LEVERAGE"), method: "PUT", path: "/g-positions/leverage");

    /// <summary>One run of a Long SOLUSDT pair at 20x.</summary>
    private async Task<PairRunResult> RunAsync()
    {
        var settings = PairSettings.Create(Symbol, PositionSide.Long) with { Leverage = 20 };
        var bot = new BotConfiguration
        {
            Name = "leverage",
            Exchange = Data.Entities.Exchanges.Phemex,
            Pairs = [new PairConfiguration(PairConfiguration.StandaloneKey(settings), settings)],
        };
        var runner = new BotRunner(_states, NoRunRecorder.Instance, _clock, NullLogger<BotRunner>.Instance);
        var result = await runner.RunAsync(bot, _phemex.Venue, RunSlot.Containing(_clock.GetUtcNow(), TimeSpan.FromMinutes(5)), _notifier, Token);
        return Assert.Single(result.Pairs);
    }

    private sealed class KeptNotifications : INotifier
    {
        public List<Notification> Messages { get; } = [];

        public void Notify(Notification notification) => Messages.Add(notification);
    }
}
