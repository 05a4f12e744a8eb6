using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Paper;

/// <summary>How often the account is asked must not change what happened to it.</summary>
public sealed class PaperCatchUpTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Catching_up_every_minute_or_only_at_each_run_gives_the_same_fills_funding_and_liquidations()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(Start.AddDays(1));
        var market = DemoCandles.Replay(["BTCUSDT", "ETHUSDT"], seed: 11, Start, Start.AddDays(31), clock);
        var options = new PaperAccountOptions { FundingRate = 0.001m, InitialBalance = 50_000m };
        var watched = new PaperAccount(market, clock, options);
        var runOnly = new PaperAccount(market, clock, options);
        foreach (var account in new[] { watched, runOnly })
        {
            await account.SetLeverageAsync("BTCUSDT", 50, MarginMode.Isolated, ct);
            await account.SetLeverageAsync("ETHUSDT", 25, MarginMode.Isolated, ct);
        }

        for (var minute = 1; minute <= 29 * 24 * 60; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await watched.GetAccountAsync(ct);
            if (minute % 5 == 0)
            {
                await Run(watched, market, "BTCUSDT", PositionSide.Long, 0.01m, minute, ct);
                await Run(runOnly, market, "BTCUSDT", PositionSide.Long, 0.01m, minute, ct);
                await Run(watched, market, "ETHUSDT", PositionSide.Short, 0.2m, minute, ct);
                await Run(runOnly, market, "ETHUSDT", PositionSide.Short, 0.2m, minute, ct);
            }
        }

        await runOnly.GetAccountAsync(ct);
        Assert.True(watched.Fills.Count > 100, $"Only {watched.Fills.Count} fills: the scenario exercises too little.");
        Assert.NotEmpty(watched.Liquidations);
        Assert.NotEqual(0m, watched.NetFunding);
        Assert.Equal(watched.Fills, runOnly.Fills);
        Assert.Equal(watched.Liquidations, runOnly.Liquidations);
        Assert.Equal((watched.Balance, watched.NetFunding, watched.FeesPaid), (runOnly.Balance, runOnly.NetFunding, runOnly.FeesPaid));
    }

    /// <summary>A crude dip buyer: add at the maker price until the position is 5 steps big, then take profit at the other side.</summary>
    private static async Task Run(PaperAccount account, IMarketData market, string symbol, PositionSide side, decimal step, int minute, CancellationToken ct)
    {
        foreach (var open in await account.GetOpenClientOrderIdsAsync(symbol, ct))
        {
            await account.CancelOrderAsync(symbol, side, open, ct);
        }
        var position = (await account.GetAccountAsync(ct)).FindOpen(symbol, side);
        var quote = await market.GetQuoteAsync(symbol, ct);
        var id = $"{symbol}-{minute}";
        var order = position is { Size: var size } && size >= 5 * step
            ? new OrderRequest(symbol, id, side.ExitSide(), side, size, quote.ExitPrice(side), TimeInForce.GoodTillCancel, true)
            : new OrderRequest(symbol, id, side.EntrySide(), side, step, quote.EntryPrice(side), TimeInForce.PostOnly, false);
        await account.PlaceOrderAsync(order, ct);
    }
}
