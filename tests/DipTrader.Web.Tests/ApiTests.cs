using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests;

/// <summary>
/// The JSON API under <c>/api/bots</c>, as a script calls it with an API token (and the app's pages with the
/// session cookie plus the antiforgery header): every route's happy path, 400 ProblemDetails naming the field for
/// invalid input (changing nothing), 404 for another user's ids (changing nothing), 401 for anonymous callers and
/// unknown or revoked tokens, and no exchange secret in any answer.
/// </summary>
public abstract class ApiTests(WebAppFixture fixture)
{
    private const string NotFoundTitle = "Not found.";

    private WebApp App => fixture.App;

    [Fact]
    public async Task Bots_are_created_listed_read_updated_and_deleted_with_an_api_token()
    {
        using var user = await ApiUserAsync();

        var created = (await Post(user.Api, "/api/bots", new { name = "Scripted dip catcher", exchange = "PAPER", runEveryMinutes = 15 })).Is(HttpStatusCode.Created);
        var bot = Id(created);
        Assert.Equal(Urls.Api(bot), created.Response.Headers.Location?.OriginalString);
        Assert.Equal("Scripted dip catcher", (string?)created.Json!["name"]);
        Assert.Equal("paper", (string?)created.Json["exchange"]);
        Assert.Equal("stopped", (string?)created.Json["status"]);
        Assert.Equal(15, created.Json["runEveryMinutes"]!.GetValue<int>());
        Assert.True(created.Json["testnet"]!.GetValue<bool>()); // testnet unless the request says otherwise, as on the page
        Assert.Null(created.Json["apiKeyHint"]);

        var listed = Assert.Single((await Get(user.Api, "/api/bots")).Is(HttpStatusCode.OK).Json!.AsArray())!;
        Assert.Equal(bot, Id(listed));
        Assert.Equal("Scripted dip catcher", (string?)listed["name"]);
        Assert.Equal(0, listed["pairs"]!.GetValue<int>());

        var read = (await Get(user.Api, Urls.Api(bot))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("Scripted dip catcher", (string?)read["bot"]!["name"]);
        Assert.Equal(15, read["bot"]!["runEveryMinutes"]!.GetValue<int>());
        Assert.Empty(read["pairs"]!.AsArray());

        var updated = (await Put(user.Api, Urls.Api(bot), new { name = "  Renamed by script  ", testnet = true, runEveryMinutes = 60 })).Is(HttpStatusCode.OK);
        Assert.Equal("Renamed by script", (string?)updated.Json!["name"]);
        read = (await Get(user.Api, Urls.Api(bot))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("Renamed by script", (string?)read["bot"]!["name"]);
        Assert.Equal(60, read["bot"]!["runEveryMinutes"]!.GetValue<int>());
        Assert.True(read["bot"]!["testnet"]!.GetValue<bool>());
        Assert.Equal("Renamed by script", (string?)Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!["name"]);
        // An update that leaves testnet out keeps the bot on its network: a rename must not move it to mainnet.
        (await Put(user.Api, Urls.Api(bot), new { name = "Renamed again", runEveryMinutes = 60 })).Is(HttpStatusCode.OK);
        Assert.True((await Get(user.Api, Urls.Api(bot))).Json!["bot"]!["testnet"]!.GetValue<bool>());

        var other = await CreateBotAsync(user.Api, "Second bot");
        Assert.Equal(2, (await Get(user.Api, "/api/bots")).Json!.AsArray().Count);

        (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.NoContent);
        (await Get(user.Api, Urls.Api(bot))).Is(HttpStatusCode.NotFound);
        Assert.Equal(other, Id(Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!));
        (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.NotFound);
        (await Get(user.Api, Urls.Api(other))).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_is_refused_naming_the_reason_until_the_bot_has_an_active_pair_and_stop_stops_it()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Starter");
        const string reason = "Add an active trading pair before starting the bot.";

        (await Post(user.Api, Urls.Api(bot, "start"))).HasError("Pairs", reason);
        Assert.Equal("stopped", await StatusAsync(user.Api, bot));

        var pair = await AddPairAsync(user.Api, bot);
        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", isActive: false))).Is(HttpStatusCode.OK);
        (await Post(user.Api, Urls.Api(bot, "start"))).HasError("Pairs", reason);
        Assert.Equal("stopped", await StatusAsync(user.Api, bot));

        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT"))).Is(HttpStatusCode.OK);
        var started = (await Post(user.Api, Urls.Api(bot, "start"))).Is(HttpStatusCode.OK);
        Assert.Equal("running", (string?)started.Json!["status"]);
        Assert.Equal("running", await StatusAsync(user.Api, bot));
        var listed = Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!;
        Assert.Equal("running", (string?)listed["status"]);
        Assert.Equal(1, listed["activePairs"]!.GetValue<int>());
        // Starting a running bot again is harmless.
        (await Post(user.Api, Urls.Api(bot, "start"))).Is(HttpStatusCode.OK);

        var stopped = (await Post(user.Api, Urls.Api(bot, "stop"))).Is(HttpStatusCode.OK);
        Assert.Equal("stopped", (string?)stopped.Json!["status"]);
        Assert.Null(stopped.Json["nextRunAt"]);
        Assert.Equal("stopped", await StatusAsync(user.Api, bot));
        (await Post(user.Api, Urls.Api(bot, "stop"))).Is(HttpStatusCode.OK);
        Assert.Equal("stopped", await StatusAsync(user.Api, bot));
    }

    [Fact]
    public async Task Keys_are_replaced_and_no_answer_ever_shows_the_secret_or_the_whole_key()
    {
        using var user = await ApiUserAsync();
        const string firstKey = "ApiFirstKey-0001-WXYZ";
        const string firstSecret = "ApiFirstSecret-0001-hidden";
        const string secondKey = "ApiSecondKey-0002-QRST";
        const string secondSecret = "ApiSecondSecret-0002-hidden";
        string[] keys = [firstKey, firstSecret, secondKey, secondSecret];

        var created = (await Post(user.Api, "/api/bots", new { name = "Keyed", exchange = "phemex", runEveryMinutes = 5, apiKey = firstKey, apiSecret = firstSecret }))
            .Is(HttpStatusCode.Created);
        var bot = Id(created);
        Assert.Equal("…WXYZ", (string?)created.Json!["apiKeyHint"]);
        var answers = new List<ApiAnswer> { created, await Get(user.Api, Urls.Api(bot)), await Get(user.Api, "/api/bots") };

        var refused = await Put(user.Api, Urls.Api(bot, "keys"), new { apiKey = "short", apiSecret = secondSecret });
        refused.HasError("ApiKey", "The API key should be 10 to 500 characters long");
        answers.Add(refused);
        refused = await Put(user.Api, Urls.Api(bot, "keys"), new { apiKey = secondKey });
        refused.HasError("ApiSecret", "Enter the API secret from Phemex");
        answers.Add(refused);
        Assert.Equal("…WXYZ", (string?)(await Get(user.Api, Urls.Api(bot))).Json!["bot"]!["apiKeyHint"]);

        var replaced = (await Put(user.Api, Urls.Api(bot, "keys"), new { apiKey = secondKey, apiSecret = secondSecret })).Is(HttpStatusCode.OK);
        Assert.Equal("…QRST", (string?)replaced.Json!["apiKeyHint"]);
        var read = (await Get(user.Api, Urls.Api(bot))).Is(HttpStatusCode.OK);
        Assert.Equal("…QRST", (string?)read.Json!["bot"]!["apiKeyHint"]);
        answers.AddRange([replaced, read, await Get(user.Api, "/api/bots"), await Put(user.Api, Urls.Api(bot), new { name = "Keyed", runEveryMinutes = 5 })]);

        foreach (var answer in answers)
        {
            foreach (var key in keys)
            {
                Assert.DoesNotContain(key, answer.Body, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("encrypted", answer.Body, StringComparison.OrdinalIgnoreCase);
        }

        var paper = await CreateBotAsync(user.Api, "Paper has no keys");
        (await Put(user.Api, Urls.Api(paper, "keys"), new { apiKey = secondKey, apiSecret = secondSecret }))
            .HasError("ApiKey", "A paper bot has no exchange keys.");
        Assert.Null((await Get(user.Api, Urls.Api(paper))).Json!["bot"]!["apiKeyHint"]);
    }

    [Fact]
    public async Task Invalid_bots_answer_400_naming_the_field_and_change_nothing()
    {
        using var user = await ApiUserAsync("free");
        const string secret = "Secret-That-Must-Not-Echo-42";

        (await Post(user.Api, "/api/bots", new { name = "  ", exchange = "paper", runEveryMinutes = 7 }))
            .HasError("Name", "Give the bot a name.").HasError("RunEveryMinutes", "Choose one of 1, 5, 15, 30, 60 minutes.");
        (await Post(user.Api, "/api/bots", new { name = "Zero", exchange = "paper", runEveryMinutes = 0 })).HasError("RunEveryMinutes");
        (await Post(user.Api, "/api/bots", new { name = new string('x', 101), exchange = "paper" })).HasError("Name", "Use at most 100 characters for the name.");
        (await Post(user.Api, "/api/bots", new { name = "Bell\u0007", exchange = "paper" })).HasError("Name", "control characters");
        (await Post(user.Api, "/api/bots", new { name = "Elsewhere", exchange = "binance" })).HasError("Exchange", "Choose one of phemex, paper.");
        (await Post(user.Api, "/api/bots", new { name = "No keys", exchange = "phemex" }))
            .HasError("ApiKey", "Enter the API key from Phemex").HasError("ApiSecret", "Enter the API secret from Phemex");
        var spaced = await Post(user.Api, "/api/bots", new { name = "Spaced", exchange = "phemex", apiKey = "has a space-1234", apiSecret = secret });
        spaced.HasError("ApiKey", "The API key cannot contain spaces or control characters.");
        Assert.DoesNotContain(secret, spaced.Body, StringComparison.Ordinal);
        Assert.Empty((await Get(user.Api, "/api/bots")).Is(HttpStatusCode.OK).Json!.AsArray());

        var bot = await CreateBotAsync(user.Api, "Kept as it was");
        (await Put(user.Api, Urls.Api(bot), new { name = "", runEveryMinutes = 2 }))
            .HasError("Name", "Give the bot a name.").HasError("RunEveryMinutes", "Choose one of 1, 5, 15, 30, 60 minutes.");
        (await Put(user.Api, Urls.Api(bot), new { name = "Valid name", runEveryMinutes = 45 })).HasError("RunEveryMinutes");
        var read = (await Get(user.Api, Urls.Api(bot))).Json!["bot"]!;
        Assert.Equal("Kept as it was", (string?)read["name"]);
        Assert.Equal(5, read["runEveryMinutes"]!.GetValue<int>());

        // The free plan's one bot is used: a second one is refused, naming the plan.
        (await Post(user.Api, "/api/bots", new { name = "One too many", exchange = "paper" }))
            .HasError("Plan", "You have reached your bot limit (1 bot on the free plan).");
        Assert.Equal(bot, Id(Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!));
    }

    [Fact]
    public async Task Pairs_are_added_read_updated_and_deleted()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Pairs by script");

        var added = (await Post(user.Api, Urls.Api(bot, "pairs"), PairBody("ethusdt", "Short", 7, 15, Config(("first_order_margin", 0.02m)))))
            .Is(HttpStatusCode.Created);
        var pair = Id(added);
        Assert.Equal(Urls.ApiPair(bot, pair), added.Response.Headers.Location?.OriginalString);
        AssertPair(added.Json!, "ETHUSDT", "Short", 7, 15, isActive: true);
        Assert.Equal(0.02m, added.Json!["config"]!["first_order_margin"]!.GetValue<decimal>());

        var read = (await Get(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.OK).Json!;
        AssertPair(read, "ETHUSDT", "Short", 7, 15, isActive: true);
        Assert.Equal(0.02m, read["config"]!["first_order_margin"]!.GetValue<decimal>());
        Assert.Equal(pair, Id(Assert.Single((await Get(user.Api, Urls.Api(bot, "pairs"))).Is(HttpStatusCode.OK).Json!.AsArray())!));
        Assert.Equal(pair, Id(Assert.Single((await Get(user.Api, Urls.Api(bot))).Json!["pairs"]!.AsArray())!));

        var second = await AddPairAsync(user.Api, bot, "BTCUSDT", "Long", 10);
        var updated = (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("ETHUSDT", "Short", 20, 60, Config(("take_profit_pnl", 0.5m)), isActive: false)))
            .Is(HttpStatusCode.OK);
        AssertPair(updated.Json!, "ETHUSDT", "Short", 20, 60, isActive: false);
        read = (await Get(user.Api, Urls.ApiPair(bot, pair))).Json!;
        AssertPair(read, "ETHUSDT", "Short", 20, 60, isActive: false);
        Assert.Equal(0.5m, read["config"]!["take_profit_pnl"]!.GetValue<decimal>());
        AssertPair((await Get(user.Api, Urls.ApiPair(bot, second))).Json!, "BTCUSDT", "Long", 10, 5, isActive: true);
        var listed = Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!;
        Assert.Equal(2, listed["pairs"]!.GetValue<int>());
        Assert.Equal(1, listed["activePairs"]!.GetValue<int>());

        (await Delete(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.NoContent);
        (await Get(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.NotFound);
        (await Delete(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.NotFound);
        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("ETHUSDT"))).Is(HttpStatusCode.NotFound);
        Assert.Equal(second, Id(Assert.Single((await Get(user.Api, Urls.Api(bot, "pairs"))).Json!.AsArray())!));
    }

    [Fact]
    public async Task An_update_changes_the_fields_it_names_and_keeps_the_others()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Partly updated");
        var pair = Id((await Post(user.Api, Urls.Api(bot, "pairs"), PairBody("ETHUSDT", "Short", 7, 15, Config(("first_order_margin", 0.02m)), isActive: false)))
            .Is(HttpStatusCode.Created));

        // A script that only means to change the leverage of a pair its owner switched off.
        var updated = (await Put(user.Api, Urls.ApiPair(bot, pair), new { leverage = 5 })).Is(HttpStatusCode.OK).Json!;

        AssertPair(updated, "ETHUSDT", "Short", 5, 15, isActive: false);
        Assert.Equal(0.02m, updated["config"]!["first_order_margin"]!.GetValue<decimal>());
        Assert.Equal(0, Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!["activePairs"]!.GetValue<int>());

        (await Put(user.Api, Urls.Api(bot), new { runEveryMinutes = 15 })).Is(HttpStatusCode.OK);
        (await Put(user.Api, Urls.Api(bot), new { name = "Renamed only" })).Is(HttpStatusCode.OK);
        var read = (await Get(user.Api, Urls.Api(bot))).Json!["bot"]!;
        Assert.Equal(("Renamed only", 15), ((string?)read["name"], read["runEveryMinutes"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Invalid_pairs_answer_400_naming_the_field_and_change_nothing()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Validated pairs");
        var pair = await AddPairAsync(user.Api, bot, "BTCUSDT", "Long", 10);
        var url = Urls.Api(bot, "pairs");

        (await Post(user.Api, url, PairBody("ETHUSDT", leverage: 0))).HasError("Leverage", "Choose a leverage from 1 to 100.");
        (await Post(user.Api, url, PairBody("ETHUSDT", leverage: 101))).HasError("Leverage", "Choose a leverage from 1 to 100.");
        (await Post(user.Api, url, PairBody("B!"))).HasError("Symbol", "Enter a symbol of 3–20 letters or digits");
        (await Post(user.Api, url, new { side = "Long" })).HasError("Symbol");
        (await Post(user.Api, url, PairBody("dogeusdt"))).HasError("Symbol", "DOGEUSDT is not a perpetual contract on the paper market.");
        (await Post(user.Api, url, PairBody("ETHUSDT", "Sideways"))).HasError("Side", "Choose Long or Short.");
        (await Post(user.Api, url, PairBody("ETHUSDT", emaInterval: 3))).HasError("EmaInterval", "Choose an EMA interval of");
        (await Post(user.Api, url, PairBody("ETHUSDT", config: Config(("first_order_margin", 0.9m))))).HasError("Config.first_order_margin", "first_order_margin: must be");
        (await Post(user.Api, url, PairBody("ETHUSDT", config: Config(("no_such_setting", 1m))))).HasError("Config.no_such_setting", "is not a strategy setting");
        (await Post(user.Api, url, PairBody("btcusdt", "Long"))).HasError("Side", "This bot already has a BTCUSDT Long pair.");
        (await Post(user.Api, url, PairBody("BTCUSDT", "Short", 25))).HasError("Leverage", "both sides of a symbol share one leverage");

        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", leverage: 500, emaInterval: 2))).HasError("Leverage").HasError("EmaInterval");
        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", "Both"))).HasError("Side", "Choose Long or Short.");

        var only = Assert.Single((await Get(user.Api, url)).Json!.AsArray())!;
        AssertPair(only, "BTCUSDT", "Long", 10, 5, isActive: true);
        Assert.Equal(pair, Id(only));

        // The other side of the symbol, with the same leverage, is fine.
        (await Post(user.Api, url, PairBody("BTCUSDT", "Short", 10))).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Trades_runs_logs_and_metrics_show_a_recorded_run_page_by_page_and_days_is_bounded()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Recorded");
        var pair = await AddPairAsync(user.Api, bot);
        var empty = (await Get(user.Api, Urls.Api(bot, "metrics"))).Is(HttpStatusCode.OK).Json!;
        Assert.Empty(empty["timestamps"]!.AsArray());
        Assert.Empty((await Get(user.Api, Urls.Api(bot, "trades"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray());

        var first = await Seed.RunAsync(App, bot, pair);

        var trade = Assert.Single((await Get(user.Api, Urls.Api(bot, "trades"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray())!;
        Assert.Equal(first.TradeId, Id(trade));
        Assert.Equal(61_230m, trade["price"]!.GetValue<decimal>());
        Assert.Equal("BTCUSDT", (string?)trade["symbol"]);
        Assert.Equal("Add", (string?)trade["action"]);
        var run = Assert.Single((await Get(user.Api, Urls.Api(bot, "runs"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray())!;
        Assert.Equal(first.MetricId, Id(run));
        Assert.Equal(first.Rule, (string?)run["rule"]);
        Assert.Equal(first.Conclusion, (string?)run["conclusion"]);
        Assert.Equal(10_000m, run["totalBalance"]!.GetValue<decimal>());
        Assert.Equal(trade["executedAt"]!.GetValue<DateTimeOffset>(), run["executedAt"]!.GetValue<DateTimeOffset>());
        var log = Assert.Single((await Get(user.Api, Urls.Api(bot, "logs"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray())!;
        Assert.Equal("P2 add 0.01 BTCUSDT filled at 61230", (string?)log["message"]);

        var metrics = (await Get(user.Api, Urls.Api(bot, "metrics"))).Is(HttpStatusCode.OK);
        Assert.Equal("application/json", metrics.ContentType);
        Assert.Single(metrics.Json!["timestamps"]!.AsArray());
        Assert.Equal(10_000m, Assert.Single(metrics.Json["balance"]!.AsArray())!.GetValue<decimal>());
        var series = metrics.Json["symbols"]!["BTCUSDT"]!;
        Assert.Equal(61_234.5m, Assert.Single(series["price"]!.AsArray())!.GetValue<decimal>());
        Assert.Equal(3.1m, Assert.Single(series["margin_level"]!.AsArray())!.GetValue<decimal>());
        Assert.Equal(61_230m, Assert.Single(metrics.Json["orders"]!.AsArray())!["price"]!.GetValue<decimal>());
        foreach (var days in new[] { "1", "7", "90" })
        {
            Assert.Equal(metrics.Body, (await Get(user.Api, Urls.Api(bot, "metrics?days=" + days))).Is(HttpStatusCode.OK).Body);
        }
        // A browser (Accept-Encoding: gzip) gets the same document compressed.
        using (var request = new HttpRequestMessage(HttpMethod.Get, Urls.Api(bot, "metrics")))
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            using var compressed = await user.Api.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
            await using var gzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            Assert.Equal(metrics.Body, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        }
        foreach (var days in new[] { "0", "abc", "91", "-1", "1.5", "7days", "" })
        {
            (await Get(user.Api, Urls.Api(bot, "metrics?days=" + days))).HasError("days", "days must be a whole number from 1 to 90.");
        }

        // 21 runs: the first page holds the newest 20 (trades and runs pages hold 20, logs 50), the second the oldest one.
        for (var i = 0; i < 20; i++)
        {
            await Seed.RunAsync(App, bot, pair);
        }
        foreach (var table in new[] { "trades", "runs" })
        {
            var page1 = (await Get(user.Api, Urls.Api(bot, table))).Is(HttpStatusCode.OK).Json!;
            Assert.Equal(20, page1["items"]!.AsArray().Count);
            Assert.True(page1["hasNext"]!.GetValue<bool>(), table);
            Assert.DoesNotContain(page1["items"]!.AsArray(), item => Id(item!) == (table == "trades" ? first.TradeId : first.MetricId));
            var page2 = (await Get(user.Api, Urls.Api(bot, table + "?page=2"))).Is(HttpStatusCode.OK).Json!;
            Assert.Equal(2, page2["number"]!.GetValue<int>());
            Assert.False(page2["hasNext"]!.GetValue<bool>(), table);
            Assert.Equal(table == "trades" ? first.TradeId : first.MetricId, Id(Assert.Single(page2["items"]!.AsArray())!));
            Assert.Empty((await Get(user.Api, Urls.Api(bot, table + "?page=3"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray());
            // Nonsense page numbers answer the first page.
            var clamped = (await Get(user.Api, Urls.Api(bot, table + "?page=-5"))).Is(HttpStatusCode.OK).Json!;
            Assert.Equal(1, clamped["number"]!.GetValue<int>());
            Assert.Equal(20, clamped["items"]!.AsArray().Count);
        }
        var logs = (await Get(user.Api, Urls.Api(bot, "logs"))).Json!;
        Assert.Equal(21, logs["items"]!.AsArray().Count);
        Assert.False(logs["hasNext"]!.GetValue<bool>());
        Assert.Empty((await Get(user.Api, Urls.Api(bot, "logs?page=2"))).Is(HttpStatusCode.OK).Json!["items"]!.AsArray());
        Assert.Equal(21, (await Get(user.Api, Urls.Api(bot, "metrics"))).Json!["orders"]!.AsArray().Count);
    }

    [Fact]
    public async Task Candles_of_a_bots_symbol_come_with_their_emas_and_other_symbols_or_sizes_are_refused()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Candles");
        (await Get(user.Api, Urls.Api(bot, "candles"))).HasError("symbol", "symbol must be one of the bot's pair symbols.");
        await AddPairAsync(user.Api, bot, "SOLUSDT");

        var answer = (await Get(user.Api, Urls.Api(bot, "candles?symbol=solusdt&interval=15&limit=25"))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("SOLUSDT", (string?)answer["symbol"]);
        Assert.Equal(15, answer["interval"]!.GetValue<int>());
        var candles = answer["candles"]!.AsArray();
        Assert.Equal(25, candles.Count);
        Assert.All(candles, c =>
        {
            Assert.InRange(c!["close"]!.GetValue<decimal>(), c["low"]!.GetValue<decimal>(), c["high"]!.GetValue<decimal>());
            Assert.True(c["ema50"]!.GetValue<decimal>() > 0 && c["ema200"]!.GetValue<decimal>() > 0, c.ToJsonString());
        });
        // Unix seconds, one candle every 15 minutes, the newest last.
        var times = candles.Select(c => c!["time"]!.GetValue<long>()).ToList();
        Assert.All(times.Zip(times.Skip(1)), t => Assert.Equal(15 * 60, t.Second - t.First));
        // The defaults: the bot's first symbol, 5 minutes, 300 candles.
        var defaults = (await Get(user.Api, Urls.Api(bot, "candles"))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("SOLUSDT", (string?)defaults["symbol"]);
        Assert.Equal(300, defaults["candles"]!.AsArray().Count);

        (await Get(user.Api, Urls.Api(bot, "candles?symbol=BTCUSDT"))).HasError("symbol");
        (await Get(user.Api, Urls.Api(bot, "candles?interval=7"))).HasError("interval", "interval must be one of");
        (await Get(user.Api, Urls.Api(bot, "candles?limit=0"))).HasError("limit", "limit must be from 1 to 1000.");
        (await Get(user.Api, Urls.Api(bot, "candles?limit=1001"))).HasError("limit");
    }

    [Fact]
    public async Task Another_users_bot_and_pair_ids_answer_404_on_every_route_and_change_nothing()
    {
        using var owner = await ApiUserAsync();
        var keyed = (await Post(owner.Api, "/api/bots", new { name = "Owner's keyed bot", exchange = "phemex", apiKey = "OwnerKey-123-LMNO", apiSecret = "OwnerSecret-123-xyz" }))
            .Is(HttpStatusCode.Created);
        var phemex = Id(keyed);
        var paper = await CreateBotAsync(owner.Api, "Owner's paper bot");
        var pair = await AddPairAsync(owner.Api, paper);
        var run = await Seed.RunAsync(App, paper, pair);
        (await Post(owner.Api, Urls.Api(paper, "start"))).Is(HttpStatusCode.OK);
        using var intruder = await ApiUserAsync();
        var ownBot = await CreateBotAsync(intruder.Api, "Intruder's bot");
        var ownPair = await AddPairAsync(intruder.Api, ownBot, "ETHUSDT");

        (HttpMethod Method, string Url, object? Body)[] routes =
        [
            (HttpMethod.Get, Urls.Api(phemex), null),
            (HttpMethod.Put, Urls.Api(phemex), new { name = "Taken", runEveryMinutes = 1 }),
            (HttpMethod.Put, Urls.Api(phemex), new { name = "", runEveryMinutes = 7 }),
            (HttpMethod.Put, Urls.Api(phemex, "keys"), new { apiKey = "StolenKey-000-ZZZZ", apiSecret = "StolenSecret-000-zz" }),
            (HttpMethod.Post, Urls.Api(paper, "stop"), null),
            (HttpMethod.Post, Urls.Api(phemex, "start"), null),
            (HttpMethod.Get, Urls.Api(paper, "trades"), null),
            (HttpMethod.Get, Urls.Api(paper, "runs"), null),
            (HttpMethod.Get, Urls.Api(paper, "logs"), null),
            (HttpMethod.Get, Urls.Api(paper, "metrics"), null),
            (HttpMethod.Get, Urls.Api(paper, "metrics?days=30"), null),
            (HttpMethod.Get, Urls.Api(paper, "candles"), null),
            (HttpMethod.Get, Urls.Api(paper, "pairs"), null),
            (HttpMethod.Post, Urls.Api(paper, "pairs"), PairBody("ETHUSDT")),
            (HttpMethod.Get, Urls.ApiPair(paper, pair), null),
            (HttpMethod.Put, Urls.ApiPair(paper, pair), PairBody("BTCUSDT", leverage: 50)),
            (HttpMethod.Delete, Urls.ApiPair(paper, pair), null),
            // The intruder's own bot with the owner's pair id, and the owner's bot with the intruder's pair id.
            (HttpMethod.Get, Urls.ApiPair(ownBot, pair), null),
            (HttpMethod.Put, Urls.ApiPair(ownBot, pair), PairBody("BTCUSDT", leverage: 50)),
            (HttpMethod.Delete, Urls.ApiPair(ownBot, pair), null),
            (HttpMethod.Put, Urls.ApiPair(paper, ownPair), PairBody("ETHUSDT", leverage: 50)),
            (HttpMethod.Delete, Urls.ApiPair(paper, ownPair), null),
            (HttpMethod.Delete, Urls.Api(phemex), null),
            (HttpMethod.Delete, Urls.Api(paper), null),
        ];
        foreach (var (method, url, body) in routes)
        {
            var answer = (await ApiAnswer.SendAsync(intruder.Api, method, url, body)).Is(HttpStatusCode.NotFound);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Equal(NotFoundTitle, (string?)answer.Json?["title"]);
            Assert.DoesNotContain("Owner", answer.Body, StringComparison.Ordinal);
        }
        // A missing id answers the same.
        Assert.Equal(NotFoundTitle, (string?)(await Get(intruder.Api, Urls.Api(987_654))).Is(HttpStatusCode.NotFound).Json!["title"]);
        Assert.Equal(ownBot, Id(Assert.Single((await Get(intruder.Api, "/api/bots")).Json!.AsArray())!));

        var keyedNow = (await Get(owner.Api, Urls.Api(phemex))).Is(HttpStatusCode.OK).Json!["bot"]!;
        Assert.Equal("Owner's keyed bot", (string?)keyedNow["name"]);
        Assert.Equal(5, keyedNow["runEveryMinutes"]!.GetValue<int>());
        Assert.Equal("…LMNO", (string?)keyedNow["apiKeyHint"]);
        Assert.Equal("stopped", (string?)keyedNow["status"]);
        var paperNow = (await Get(owner.Api, Urls.Api(paper))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("running", (string?)paperNow["bot"]!["status"]);
        AssertPair(Assert.Single(paperNow["pairs"]!.AsArray())!, "BTCUSDT", "Long", 10, 5, isActive: true);
        Assert.Equal(run.TradeId, Id(Assert.Single((await Get(owner.Api, Urls.Api(paper, "trades"))).Json!["items"]!.AsArray())!));
        AssertPair((await Get(intruder.Api, Urls.ApiPair(ownBot, ownPair))).Is(HttpStatusCode.OK).Json!, "ETHUSDT", "Long", 10, 5, isActive: true);
        Assert.Equal(2, (await Get(owner.Api, "/api/bots")).Json!.AsArray().Count);
    }

    [Fact]
    public async Task Anonymous_calls_and_unknown_or_revoked_tokens_answer_401_and_never_a_login_redirect()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Guarded by tokens");
        using var visitor = App.NewSession();
        // A visitor with the antiforgery cookie and header of an anonymous page, as a forged page would have.
        var anonymousToken = await visitor.AntiforgeryTokenAsync("/login");

        (HttpMethod Method, string Url, object? Body)[] calls =
        [
            (HttpMethod.Get, "/api/bots", null),
            (HttpMethod.Post, "/api/bots", new { name = "Anonymous bot", exchange = "paper" }),
            (HttpMethod.Get, Urls.Api(bot), null),
            (HttpMethod.Put, Urls.Api(bot), new { name = "Renamed anonymously", runEveryMinutes = 5 }),
            (HttpMethod.Get, Urls.Api(bot, "trades"), null),
            (HttpMethod.Post, Urls.Api(bot, "pairs"), PairBody("BTCUSDT")),
            (HttpMethod.Delete, Urls.Api(bot), null),
        ];
        var revokedToken = await user.Session.CreateApiTokenAsync("soon revoked");
        using var revoked = App.ApiClientWithToken(revokedToken);
        (await Get(revoked, Urls.Api(bot))).Is(HttpStatusCode.OK);
        var tokenId = (await user.Session.GetAsync("/account")).InputValue("tokenId")!;
        (await user.Session.PostFormAsync("/account?handler=RevokeToken", ("tokenId", tokenId))).RedirectsTo("/account");
        using var madeUp = App.ApiClientWithToken("dt_" + new string('x', 43));
        using var malformed = App.ApiClientWithToken("not-a-token");
        // The user's valid token with its last character changed.
        using var lookalike = App.ApiClientWithToken(user.Token[..^1] + (user.Token[^1] == 'A' ? 'B' : 'A'));

        foreach (var (method, url, body) in calls)
        {
            AssertUnauthorized(await SendWithCsrfHeaderAsync(visitor.Client, method, url, body, anonymousToken));
            foreach (var client in new[] { revoked, madeUp, malformed, lookalike })
            {
                AssertUnauthorized(await ApiAnswer.SendAsync(client, method, url, body));
            }
        }

        var read = (await Get(user.Api, Urls.Api(bot))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("Guarded by tokens", (string?)read["bot"]!["name"]);
        Assert.Empty(read["pairs"]!.AsArray());
        Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray());
        (await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/api/status")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cookie_session_changes_need_the_antiforgery_header_and_api_token_calls_need_none()
    {
        using var user = await ApiUserAsync();
        var browser = user.Session;

        var refused = await browser.ApiAsync(HttpMethod.Post, "/api/bots", new { name = "Forged", exchange = "paper" }, csrf: false);
        AssertAntiforgeryRefusal(refused);
        Assert.Empty((await browser.ApiAsync(HttpMethod.Get, "/api/bots")).Is(HttpStatusCode.OK).Json!.AsArray());

        var bot = Id((await browser.ApiAsync(HttpMethod.Post, "/api/bots", new { name = "From the page", exchange = "paper" })).Is(HttpStatusCode.Created));
        var pair = Id((await browser.ApiAsync(HttpMethod.Post, Urls.Api(bot, "pairs"), PairBody("BTCUSDT"))).Is(HttpStatusCode.Created));

        (HttpMethod Method, string Url, object? Body)[] changes =
        [
            (HttpMethod.Put, Urls.Api(bot), new { name = "Forged name", runEveryMinutes = 60 }),
            (HttpMethod.Post, Urls.Api(bot, "start"), null),
            (HttpMethod.Post, Urls.Api(bot, "pairs"), PairBody("ETHUSDT")),
            (HttpMethod.Put, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", leverage: 50)),
            (HttpMethod.Delete, Urls.ApiPair(bot, pair), null),
            (HttpMethod.Delete, Urls.Api(bot), null),
        ];
        foreach (var (method, url, body) in changes)
        {
            AssertAntiforgeryRefusal(await browser.ApiAsync(method, url, body, csrf: false));
            AssertAntiforgeryRefusal(await SendWithCsrfHeaderAsync(browser.Client, method, url, body, "forged-token"));
        }
        var unchanged = (await browser.ApiAsync(HttpMethod.Get, Urls.Api(bot))).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("From the page", (string?)unchanged["bot"]!["name"]);
        Assert.Equal("stopped", (string?)unchanged["bot"]!["status"]);
        AssertPair(Assert.Single(unchanged["pairs"]!.AsArray())!, "BTCUSDT", "Long", 10, 5, isActive: true);

        // Another session's token is refused too: the header must match this session's cookie.
        using var other = await App.SignedInUserAsync();
        AssertAntiforgeryRefusal(await SendWithCsrfHeaderAsync(browser.Client, HttpMethod.Put, Urls.Api(bot), new { name = "Cross-session", runEveryMinutes = 5 }, await other.AntiforgeryTokenAsync()));

        // With the header the page sends, the same changes go through; so do they with an API token and no header.
        Assert.Equal("Saved from the page", (string?)(await browser.ApiAsync(HttpMethod.Put, Urls.Api(bot), new { name = "Saved from the page", runEveryMinutes = 15 }))
            .Is(HttpStatusCode.OK).Json!["name"]);
        Assert.Equal("Saved by script", (string?)(await Put(user.Api, Urls.Api(bot), new { name = "Saved by script", runEveryMinutes = 30 })).Is(HttpStatusCode.OK).Json!["name"]);
        Assert.Equal("running", (string?)(await Post(user.Api, Urls.Api(bot, "start"))).Is(HttpStatusCode.OK).Json!["status"]);
        AssertPair((await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", leverage: 50))).Is(HttpStatusCode.OK).Json!, "BTCUSDT", "Long", 50, 5, isActive: true);
        (await Post(user.Api, Urls.Api(bot, "pairs"), PairBody("ETHUSDT"))).Is(HttpStatusCode.Created);
        (await Delete(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.NoContent);
        Assert.Equal("stopped", (string?)(await Post(user.Api, Urls.Api(bot, "stop"))).Is(HttpStatusCode.OK).Json!["status"]);
        (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.NoContent);
        Assert.Empty((await browser.ApiAsync(HttpMethod.Get, "/api/bots")).Json!.AsArray());
    }

    [Fact]
    public async Task A_pair_or_bot_that_may_have_an_order_resting_is_not_deleted_or_moved_to_another_market_until_it_is_cancelled()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Resting");
        var pair = await AddPairAsync(user.Api, bot);
        (await Post(user.Api, Urls.Api(bot, "start"))).Is(HttpStatusCode.OK);

        var running = (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.BadRequest);
        Assert.Contains("Stop the bot before deleting it", Assert.Single(running.Errors["Status"]), StringComparison.Ordinal);

        // The pair's last run placed an order: its state names it until a run (or the closing pass) cancels and books it.
        await using (var db = App.Database.CreateContext())
        {
            await db.TradingPairs.Where(p => p.Id == pair).ExecuteUpdateAsync(s => s.SetProperty(p => p.AlertState, """{"openOrderId":"dt-p1-29000000-O"}"""), TestContext.Current.CancellationToken);
        }
        var moved = (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("ETHUSDT"))).Is(HttpStatusCode.BadRequest);
        Assert.Contains("Deactivate the pair first", Assert.Single(moved.Errors["Symbol"]), StringComparison.Ordinal);
        (await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", side: "Short"))).Is(HttpStatusCode.BadRequest);
        var deleted = (await Delete(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.BadRequest);
        Assert.Contains("Deactivate the pair first", Assert.Single(deleted.Errors["Pair"]), StringComparison.Ordinal);
        // Other settings change, and deactivating is how the order gets cancelled.
        AssertPair((await Put(user.Api, Urls.ApiPair(bot, pair), PairBody("BTCUSDT", leverage: 20, isActive: false))).Is(HttpStatusCode.OK).Json!, "BTCUSDT", "Long", 20, 5, isActive: false);
        (await Post(user.Api, Urls.Api(bot, "stop"))).Is(HttpStatusCode.OK);
        var closing = (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.BadRequest);
        Assert.Contains("still cancelling", Assert.Single(closing.Errors["Status"]), StringComparison.Ordinal);

        // Once the order is settled, both go.
        await using (var db = App.Database.CreateContext())
        {
            await db.TradingPairs.Where(p => p.Id == pair).ExecuteUpdateAsync(s => s.SetProperty(p => p.AlertState, """{"openOrderId":null}"""), TestContext.Current.CancellationToken);
        }
        (await Delete(user.Api, Urls.ApiPair(bot, pair))).Is(HttpStatusCode.NoContent);
        (await Delete(user.Api, Urls.Api(bot))).Is(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Malformed_requests_answer_400_naming_the_field_and_what_it_takes_and_never_the_html_error_page()
    {
        using var user = await ApiUserAsync();
        var bot = await CreateBotAsync(user.Api, "Well formed");
        var pair = await AddPairAsync(user.Api, bot);

        (HttpMethod Method, string Url, string? Json, HttpStatusCode Status, string? Field, string? Says)[] calls =
        [
            (HttpMethod.Post, "/api/bots", """{"name":"Typo","exchange":"paper","runEveryMinutes":"five"}""", HttpStatusCode.BadRequest, "runEveryMinutes", "must be a whole number"),
            (HttpMethod.Post, "/api/bots", """{"name":"Too many","exchange":"paper","runEveryMinutes":99999999999}""", HttpStatusCode.BadRequest, "runEveryMinutes", "must be a whole number from"),
            (HttpMethod.Post, "/api/bots", """{"name":123,"exchange":"paper","runEveryMinutes":5}""", HttpStatusCode.BadRequest, "name", "must be a string"),
            (HttpMethod.Post, "/api/bots", """{"name":"Cut off",""", HttpStatusCode.BadRequest, "body", "not valid JSON at line 1"),
            (HttpMethod.Post, "/api/bots", """[{"name":"In a list"}]""", HttpStatusCode.BadRequest, "body", "must be a JSON object"),
            (HttpMethod.Post, "/api/bots", null, HttpStatusCode.BadRequest, "body", "Send a JSON object"),
            (HttpMethod.Post, "/api/bots", "null", HttpStatusCode.BadRequest, "body", "Send a JSON object"),
            (HttpMethod.Put, Urls.ApiPair(bot, pair), """{"symbol":"BTCUSDT","side":"Long","leverage":"ten"}""", HttpStatusCode.BadRequest, "leverage", "must be a whole number"),
            (HttpMethod.Put, Urls.ApiPair(bot, pair), """{"symbol":"BTCUSDT","side":"Long","leverage":2.5}""", HttpStatusCode.BadRequest, "leverage", "must be a whole number"),
            (HttpMethod.Put, Urls.ApiPair(bot, pair), """{"symbol":"BTCUSDT","side":"Long","isActive":"yes"}""", HttpStatusCode.BadRequest, "isActive", "true or false"),
            (HttpMethod.Get, Urls.Api(bot, "trades?page=abc"), null, HttpStatusCode.BadRequest, "page", "must be a whole number"),
            (HttpMethod.Get, Urls.Api(bot, "runs?page=99999999999"), null, HttpStatusCode.BadRequest, "page", "must be a whole number"),
            (HttpMethod.Get, Urls.Api(bot, "candles?limit=ten"), null, HttpStatusCode.BadRequest, "limit", "must be a whole number"),
            (HttpMethod.Get, "/api/bots/not-a-number", null, HttpStatusCode.NotFound, null, null),
        ];
        foreach (var (method, url, json, status, field, says) in calls)
        {
            var content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            AssertProblem(await SendAsync(user.Api, method, url, content), status, field, says, $"{method} {url} {json}");
        }
        // Bytes that are not UTF-8 inside a string.
        var notUtf8 = new ByteArrayContent([.. "{\"name\":\""u8, 0xff, 0xfe, .. "\",\"exchange\":\"paper\",\"runEveryMinutes\":5}"u8]);
        notUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        AssertProblem(await SendAsync(user.Api, HttpMethod.Post, "/api/bots", notUtf8), HttpStatusCode.BadRequest, "body", "not valid UTF-8", "bytes that are not UTF-8");

        Assert.Equal(bot, Id(Assert.Single((await Get(user.Api, "/api/bots")).Json!.AsArray())!));
        AssertPair((await Get(user.Api, Urls.ApiPair(bot, pair))).Json!, "BTCUSDT", "Long", 10, 5, isActive: true);
    }

    private static void AssertProblem(ApiAnswer answer, HttpStatusCode status, string? field, string? says, string call)
    {
        Assert.True(answer.Status == status, $"{call}: expected {(int)status}, got {answer}");
        Assert.True(answer.ContentType == "application/problem+json", $"{call}: expected ProblemDetails, got {answer.ContentType}: {answer}");
        Assert.Equal((int)status, answer.Json?["status"]?.GetValue<int>());
        if (field is not null)
        {
            Assert.True(answer.Errors.TryGetValue(field, out var messages), $"{call}: no error for {field}: {answer}");
            Assert.Contains(says!, Assert.Single(messages), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Exception", answer.Body, StringComparison.Ordinal);
    }

    /// <summary>A signed-in user (for the pages) and a client with one of their API tokens (for scripts).</summary>
    private async Task<ApiUser> ApiUserAsync(string plan = "pro")
    {
        var session = await App.SignedInUserAsync(plan);
        var token = await session.CreateApiTokenAsync("api tests");
        return new ApiUser(session, App.ApiClientWithToken(token), token);
    }

    private static async Task<int> CreateBotAsync(HttpClient api, string name) =>
        Id((await Post(api, "/api/bots", new { name, exchange = "paper", runEveryMinutes = 5 })).Is(HttpStatusCode.Created));

    private static async Task<int> AddPairAsync(HttpClient api, int bot, string symbol = "BTCUSDT", string side = "Long", int leverage = 10) =>
        Id((await Post(api, Urls.Api(bot, "pairs"), PairBody(symbol, side, leverage))).Is(HttpStatusCode.Created));

    private static async Task<string?> StatusAsync(HttpClient api, int bot) =>
        (string?)(await Get(api, Urls.Api(bot))).Is(HttpStatusCode.OK).Json!["bot"]!["status"];

    private static object PairBody(string symbol, string side = "Long", int leverage = 10, int emaInterval = 5, Dictionary<string, decimal>? config = null, bool isActive = true) =>
        new { symbol, side, leverage, emaInterval, automaticMode = true, isActive, config };

    private static Dictionary<string, decimal> Config(params (string Key, decimal Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    private static void AssertPair(JsonNode pair, string symbol, string side, int leverage, int emaInterval, bool isActive)
    {
        Assert.Equal(symbol, (string?)pair["symbol"]);
        Assert.Equal(side, (string?)pair["side"]);
        Assert.Equal(leverage, pair["leverage"]!.GetValue<int>());
        Assert.Equal(emaInterval, pair["emaInterval"]!.GetValue<int>());
        Assert.Equal(isActive, pair["isActive"]!.GetValue<bool>());
        Assert.NotNull(pair["config"]?["first_order_margin"]);
    }

    private static void AssertUnauthorized(ApiAnswer answer)
    {
        answer.Is(HttpStatusCode.Unauthorized);
        Assert.Null(answer.Response.Headers.Location);
        Assert.DoesNotContain("Guarded by tokens", answer.Body, StringComparison.Ordinal);
    }

    private static void AssertAntiforgeryRefusal(ApiAnswer answer)
    {
        answer.Is(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("antiforgery token is missing or invalid", (string?)answer.Json?["title"], StringComparison.Ordinal);
    }

    /// <summary>Sends <paramref name="body"/> as JSON with <paramref name="csrf"/> in the antiforgery header (a wrong or another session's token).</summary>
    private static Task<ApiAnswer> SendWithCsrfHeaderAsync(HttpClient client, HttpMethod method, string url, object? body, string csrf) =>
        SendAsync(client, method, url, body is null ? null : System.Net.Http.Json.JsonContent.Create(body), csrf);

    private static async Task<ApiAnswer> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content, string? csrf = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await ApiAnswer.ReadAsync(response);
    }

    private static int Id(ApiAnswer answer) => Id(answer.Json!);

    private static int Id(JsonNode node) => node["id"]!.GetValue<int>();

    private static Task<ApiAnswer> Get(HttpClient api, string url) => ApiAnswer.SendAsync(api, HttpMethod.Get, url);

    private static Task<ApiAnswer> Post(HttpClient api, string url, object? body = null) => ApiAnswer.SendAsync(api, HttpMethod.Post, url, body);

    private static Task<ApiAnswer> Put(HttpClient api, string url, object body) => ApiAnswer.SendAsync(api, HttpMethod.Put, url, body);

    private static Task<ApiAnswer> Delete(HttpClient api, string url) => ApiAnswer.SendAsync(api, HttpMethod.Delete, url);

    private sealed record ApiUser(Session Session, HttpClient Api, string Token) : IDisposable
    {
        public void Dispose()
        {
            Api.Dispose();
            Session.Dispose();
        }
    }
}

public sealed class ApiTestsOnSqlite(SqliteApp app) : ApiTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTestsOnPostgres(PostgresApp app) : ApiTests(app), IClassFixture<PostgresApp>;
