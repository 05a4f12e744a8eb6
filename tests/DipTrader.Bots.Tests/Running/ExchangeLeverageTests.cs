using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Bots.Tests.Running;

/// <summary>
/// The pair's leverage on a live venue, the Phemex client against the fake Phemex: it is set in the margin mode the
/// account already has.
/// </summary>
public sealed class ExchangeLeverageTests : IAsyncLifetime
{
    private const string Symbol = "SOLUSDT";
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 12, 0, 30, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryPairStateStore _states = new();
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
        var result = await runner.RunAsync(bot, _phemex.Venue, RunSlot.Containing(_clock.GetUtcNow(), TimeSpan.FromMinutes(5)), SilentNotifier.Instance, Token);
        return Assert.Single(result.Pairs);
    }
}
