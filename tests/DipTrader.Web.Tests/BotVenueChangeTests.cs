using System.Net;
using DipTrader.Bots.Running;
using DipTrader.Data.Entities;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// A Phemex bot's network and keys name the account its orders rest on. While a pair's state names an order that may
/// still rest there, neither changes (the next run would look for it on the new account and never find it), on the
/// page and in the API; once they do change, each pair forgets the leverage it last set, so the next run sets it on
/// the new account.
/// </summary>
public abstract class BotVenueChangeTests(WebAppFixture fixture)
{
    private const string FirstKey = "VenueKey-0001-ABCD";
    private const string NewKey = "VenueKey-0002-EFGH";
    private const string NewSecret = "VenueSecret-0002-hidden";
    private const string StopFirst = "Stop the bot first: its closing pass cancels that order";

    private WebApp App => fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Network_and_keys_are_kept_while_a_pairs_order_may_rest_on_the_exchange()
    {
        using var user = await App.SignedInUserAsync();
        using var api = App.ApiClientWithToken(await user.CreateApiTokenAsync("venue"));
        var bot = await PhemexBotAsync(api, "Resting on mainnet");
        var resting = await InsertPairAsync(bot, """{"openOrderId":"dt-p1-29000000-O","exchangeLeverage":10}""");

        (await ApiAnswer.SendAsync(api, HttpMethod.Put, Urls.Api(bot), new { name = "Resting on mainnet", testnet = true, runEveryMinutes = 5 }))
            .HasError("Testnet", StopFirst);
        (await ApiAnswer.SendAsync(api, HttpMethod.Put, Urls.Api(bot, "keys"), new { apiKey = NewKey, apiSecret = NewSecret }))
            .HasError("ApiKey", StopFirst);
        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "Resting on mainnet"), ("Testnet", "true"), ("RunEveryMinutes", "5")))
            .HasFieldError(StopFirst).HasFieldError("BTCUSDT Long");
        (await user.PostFormAsync(Urls.Bot(bot, "keys"), ("ApiKey", NewKey), ("ApiSecret", NewSecret)))
            .HasFieldError(StopFirst);

        var (testnet, hint) = await BotAsync(bot);
        Assert.False(testnet);
        Assert.Equal("ABCD", hint);
        // Only the network and the keys wait: a rename on the same network goes through and forgets nothing.
        (await ApiAnswer.SendAsync(api, HttpMethod.Put, Urls.Api(bot), new { name = "Renamed", testnet = false, runEveryMinutes = 15 })).Is(HttpStatusCode.OK);
        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "Renamed again"), ("RunEveryMinutes", "5"))).RedirectsTo(Urls.Bot(bot));
        Assert.Equal((10, 10), await ExchangeLeverageAsync(resting));
    }

    [Fact]
    public async Task A_network_change_or_new_keys_forget_each_pairs_exchange_leverage()
    {
        using var user = await App.SignedInUserAsync();
        using var api = App.ApiClientWithToken(await user.CreateApiTokenAsync("venue"));
        var bot = await PhemexBotAsync(api, "Moving to testnet");
        // The closing pass settled the order: the state keeps the leverage and its alerts.
        const string settled = """{"openOrderId":null,"exchangeLeverage":10,"marginWarning":true}""";
        var first = await InsertPairAsync(bot, settled);
        var second = await InsertPairAsync(bot, settled, side: "Short");

        var moved = (await ApiAnswer.SendAsync(api, HttpMethod.Put, Urls.Api(bot), new { name = "Moving to testnet", testnet = true, runEveryMinutes = 5 })).Is(HttpStatusCode.OK);
        Assert.True(moved.Json!["testnet"]!.GetValue<bool>());
        Assert.Equal((null, null), await ExchangeLeverageAsync(first));
        Assert.Equal((null, null), await ExchangeLeverageAsync(second));
        Assert.True(await MarginWarningAsync(first));

        await SetStateAsync(first, settled);
        (await ApiAnswer.SendAsync(api, HttpMethod.Put, Urls.Api(bot, "keys"), new { apiKey = NewKey, apiSecret = NewSecret })).Is(HttpStatusCode.OK);
        Assert.Equal((null, null), await ExchangeLeverageAsync(first));
        Assert.Equal("EFGH", (await BotAsync(bot)).Hint);

        await SetStateAsync(first, settled);
        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "Back to mainnet"), ("RunEveryMinutes", "5"))).RedirectsTo(Urls.Bot(bot));
        Assert.False((await BotAsync(bot)).Testnet);
        Assert.Equal((null, null), await ExchangeLeverageAsync(first));
        Assert.True(await MarginWarningAsync(first));
    }

    private static async Task<int> PhemexBotAsync(HttpClient api, string name) =>
        (await ApiAnswer.SendAsync(api, HttpMethod.Post, "/api/bots", new { name, exchange = "phemex", testnet = false, runEveryMinutes = 5, apiKey = FirstKey, apiSecret = "VenueSecret-0001-hidden" }))
            .Is(HttpStatusCode.Created).Json!["id"]!.GetValue<int>();

    /// <summary>A pair as the bot's runs leave it (written directly: adding one through the app asks Phemex about the symbol).</summary>
    private async Task<int> InsertPairAsync(int bot, string state, string side = "Long")
    {
        await using var db = App.Database.CreateContext();
        var pair = new TradingPair { BotId = bot, Symbol = "BTCUSDT", Side = side, Leverage = 10, EmaInterval = 5, CreatedAt = DateTime.UtcNow, AlertState = state, ExchangeLeverage = 10 };
        db.TradingPairs.Add(pair);
        await db.SaveChangesAsync(Token);
        return pair.Id;
    }

    private async Task SetStateAsync(int pair, string state)
    {
        await using var db = App.Database.CreateContext();
        await db.TradingPairs.Where(p => p.Id == pair).ExecuteUpdateAsync(s => s.SetProperty(p => p.AlertState, state).SetProperty(p => p.ExchangeLeverage, 10), Token);
    }

    /// <summary>The remembered leverage in its column and in the state's JSON (a run reads the column, then the JSON).</summary>
    private async Task<(int? Column, int? State)> ExchangeLeverageAsync(int pair)
    {
        await using var db = App.Database.CreateContext();
        var row = await db.TradingPairs.AsNoTracking().SingleAsync(p => p.Id == pair, Token);
        return (row.ExchangeLeverage, PairState.FromJson(row.AlertState)!.ExchangeLeverage);
    }

    private async Task<bool> MarginWarningAsync(int pair)
    {
        await using var db = App.Database.CreateContext();
        return PairState.FromJson(await db.TradingPairs.Where(p => p.Id == pair).Select(p => p.AlertState).SingleAsync(Token))!.MarginWarning;
    }

    private async Task<(bool Testnet, string? Hint)> BotAsync(int bot)
    {
        await using var db = App.Database.CreateContext();
        var row = await db.Bots.AsNoTracking().SingleAsync(b => b.Id == bot, Token);
        return (row.Testnet, row.ApiKeyHint);
    }
}

public sealed class BotVenueChangeTestsOnSqlite(SqliteApp app) : BotVenueChangeTests(app), IClassFixture<SqliteApp>;

public sealed class BotVenueChangeTestsOnPostgres(PostgresApp app) : BotVenueChangeTests(app), IClassFixture<PostgresApp>;
