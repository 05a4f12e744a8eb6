using System.Net;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Tests;

/// <summary>
/// Two pairs with one symbol and side would each place real orders, and nothing in the database forbids them (an
/// adopted predecessor database may already hold some): requests that add or edit a bot's pairs at the same moment
/// take turns, so the duplicate check always sees the other's write.
/// </summary>
public abstract class PairRaceTests(WebAppFixture fixture)
{
    private const int Parallel = 8;

    private WebApp App => fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_adds_of_one_symbol_and_side_leave_one_pair_and_refuse_the_others_naming_the_side()
    {
        var (user, api, bot) = await BotWithApiAsync("Raced by adds");
        using (user)
        using (api)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => SendAsync(api, HttpMethod.Post, Urls.Api(bot, "pairs"), "BTCUSDT", "Long")));

            Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => a.HasError("Side", "This bot already has a BTCUSDT Long pair."));
            Assert.Equal(1, await PairCountAsync(bot, "BTCUSDT", "Long"));
        }
    }

    [Fact]
    public async Task Parallel_edits_onto_one_symbol_and_side_move_one_pair_and_refuse_the_others()
    {
        var (user, api, bot) = await BotWithApiAsync("Raced by edits");
        using (user)
        using (api)
        {
            var pairs = new List<int>();
            foreach (var (symbol, side) in new[] { ("ETHUSDT", "Long"), ("ETHUSDT", "Short"), ("SOLUSDT", "Long"), ("SOLUSDT", "Short"), ("BTCUSDT", "Short") })
            {
                pairs.Add((await SendAsync(api, HttpMethod.Post, Urls.Api(bot, "pairs"), symbol, side)).Is(HttpStatusCode.Created).Json!["id"]!.GetValue<int>());
            }

            var answers = await Task.WhenAll(pairs.Select(pair => SendAsync(api, HttpMethod.Put, Urls.ApiPair(bot, pair), "BTCUSDT", "Long")));

            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => a.HasError("Side", "This bot already has a BTCUSDT Long pair."));
            Assert.Equal(1, await PairCountAsync(bot, "BTCUSDT", "Long"));
        }
    }

    private async Task<(Session User, HttpClient Api, int Bot)> BotWithApiAsync(string name)
    {
        var user = await App.SignedInUserAsync();
        var api = App.ApiClientWithToken(await user.CreateApiTokenAsync("pair race"));
        var created = (await ApiAnswer.SendAsync(api, HttpMethod.Post, "/api/bots", new { name, exchange = "paper", runEveryMinutes = 5 })).Is(HttpStatusCode.Created);
        return (user, api, created.Json!["id"]!.GetValue<int>());
    }

    private static Task<ApiAnswer> SendAsync(HttpClient api, HttpMethod method, string url, string symbol, string side) =>
        ApiAnswer.SendAsync(api, method, url, new { symbol, side, leverage = 10, emaInterval = 5, automaticMode = true, isActive = true });

    private async Task<int> PairCountAsync(int bot, string symbol, string side)
    {
        await using var db = App.Database.CreateContext();
        return await db.TradingPairs.CountAsync(p => p.BotId == bot && p.Symbol == symbol && p.Side == side, Token);
    }
}

public sealed class PairRaceTestsOnSqlite(SqliteApp app) : PairRaceTests(app), IClassFixture<SqliteApp>;

public sealed class PairRaceTestsOnPostgres(PostgresApp app) : PairRaceTests(app), IClassFixture<PostgresApp>;
