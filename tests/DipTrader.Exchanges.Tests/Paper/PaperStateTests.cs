using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>A paper account survives a restart through its store.</summary>
public sealed class PaperStateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "paper-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Saved_account_loads_with_the_same_positions_orders_and_history_and_keeps_trading()
    {
        var s = new PaperScenario().TradeAt(30, 50_000m, high: 50_600m);
        s.Options.FundingRate = 0.001m;
        s.Open();
        await s.Take(PositionSide.Long, 0.1m);
        await s.Take(PositionSide.Short, 1m, PaperScenario.Eth);
        await s.Account.SetLeverageAsync(PaperScenario.Eth, 5, MarginMode.Isolated, TestContext.Current.CancellationToken);
        await s.Place(OrderSide.Sell, PositionSide.Long, 0.1m, 50_500m, reduceOnly: true, id: "exit");
        s.At(20);
        var before = await s.Snapshot();
        var store = new FilePaperAccountStore(_directory);

        await s.Account.SaveAsync(store, "alice", TestContext.Current.CancellationToken);
        var loaded = await PaperAccount.OpenAsync(store, "alice", s.Market, s.Clock, s.Options, TestContext.Current.CancellationToken);

        var after = await loaded.GetAccountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before.Balance, after.Balance);
        Assert.Equal(before.Positions, after.Positions);
        Assert.Equal(s.Account.Fills, loaded.Fills);
        Assert.Equal(s.Account.FeesPaid, loaded.FeesPaid);
        Assert.Equal(OrderStatus.New, (await loaded.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "exit", TestContext.Current.CancellationToken))!.Status);
        // The loaded account remembers the id: placing it again answers the saved order and places nothing.
        var again = await loaded.PlaceOrderAsync(new OrderRequest(PaperScenario.Btc, "exit", OrderSide.Buy, PositionSide.Long, 0.1m, 40_000m, TimeInForce.PostOnly, false), TestContext.Current.CancellationToken);
        Assert.Equal((OrderSide.Sell, 50_500m, OrderStatus.New), (again.Side, again.Price, again.Status));
        Assert.Equal(before.Balance, (await loaded.GetAccountAsync(TestContext.Current.CancellationToken)).Balance);

        s.At(31);
        var exit = await loaded.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "exit", TestContext.Current.CancellationToken);
        Assert.Equal((OrderStatus.Filled, (decimal?)49.99m), (exit!.Status, exit.RealisedPnl)); // 5,050 − 5,000.01
    }

    [Fact]
    public async Task Opening_an_account_that_was_never_saved_starts_with_the_initial_balance()
    {
        var s = new PaperScenario();
        s.Options.InitialBalance = 2_500m;
        s.Open();

        var account = await PaperAccount.OpenAsync(new FilePaperAccountStore(_directory), "new-one", s.Market, s.Clock, s.Options, TestContext.Current.CancellationToken);

        Assert.Equal(2_500m, (await account.GetAccountAsync(TestContext.Current.CancellationToken)).Balance);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("")]
    public async Task Account_names_that_are_not_plain_file_names_are_refused(string name)
    {
        var store = new FilePaperAccountStore(_directory);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.LoadAsync(name, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task State_json_round_trip_keeps_every_field()
    {
        var s = new PaperScenario().Open();
        await s.Take(PositionSide.Long, 0.1m, PaperScenario.Btc);
        await s.Place(OrderSide.Sell, PositionSide.Long, 0.05m, 50_500m, reduceOnly: true);
        var store = new FilePaperAccountStore(_directory);
        await s.Account.SaveAsync(store, "bob", TestContext.Current.CancellationToken);
        var json = await File.ReadAllTextAsync(Path.Combine(_directory, "bob.json"), TestContext.Current.CancellationToken);

        var state = PaperAccountJson.Deserialize(json);

        Assert.Equal(json, PaperAccountJson.Serialize(state));
        Assert.Contains("\"side\": \"Sell\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_orders_are_forgotten_after_the_retention()
    {
        var s = new PaperScenario(minutes: 1_600);
        s.Options.ClosedOrderRetention = TimeSpan.FromHours(12);
        s.Open();
        await s.Place(OrderSide.Buy, PositionSide.Long, 1m, 2_000m, symbol: PaperScenario.Eth, id: "still-open");
        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "old");
        await s.Account.CancelOrderAsync(PaperScenario.Btc, PositionSide.Long, "old", TestContext.Current.CancellationToken);
        s.At(5 + 24 * 60);

        await s.Place(OrderSide.Buy, PositionSide.Long, 0.1m, 49_000m, id: "new");

        Assert.Null(await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "old", TestContext.Current.CancellationToken));
        Assert.NotNull(await s.Account.FindOrderAsync(PaperScenario.Btc, PositionSide.Long, "new", TestContext.Current.CancellationToken));
        Assert.Equal(OrderStatus.New, (await s.Account.FindOrderAsync(PaperScenario.Eth, PositionSide.Long, "still-open", TestContext.Current.CancellationToken))!.Status);
    }
}
