using System.Globalization;
using System.Net;
using DipTrader.Data.Security;
using DipTrader.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Web.Tests;

/// <summary>
/// Every page: the happy path with what a person reads, field messages for invalid input (200, never 500),
/// login for anonymous visitors, 404 for another user's ids, 400 for a form posted without its antiforgery token.
/// </summary>
public abstract class PageTests(WebAppFixture fixture)
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task Public_pages_render_for_anonymous_visitors()
    {
        using var visitor = App.NewSession();

        Assert.Contains("Buy the dip, with a plan.", (await visitor.GetAsync("/")).Is(HttpStatusCode.OK).Text);
        var login = (await visitor.GetAsync("/login")).Is(HttpStatusCode.OK);
        Assert.Contains("<h1>Log in</h1>", login.Html);
        Assert.NotNull(login.AntiforgeryToken);
        var register = (await visitor.GetAsync("/register")).Is(HttpStatusCode.OK);
        Assert.Contains("Create an account", register.Text);
        Assert.Contains("At least 10 characters", register.Text);
        Assert.Contains("There is nothing here", (await visitor.GetAsync("/Error?code=404")).Is(HttpStatusCode.OK).Text);
        Assert.Contains("404 — Not found", (await visitor.GetAsync("/no-such-page")).Is(HttpStatusCode.NotFound).Text);

        var health = await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/health");
        health.Is(HttpStatusCode.OK);
        Assert.Equal("healthy", (string?)health.Json!["status"]);
        Assert.Equal("connected", (string?)health.Json["database"]);
        Assert.Equal("elsewhere", (string?)health.Json["scheduler"]);
        Assert.True(health.Json["active_bots"]!.GetValue<int>() >= 0);

        var status = await ApiAnswer.SendAsync(visitor.Client, HttpMethod.Get, "/api/status");
        status.Is(HttpStatusCode.OK);
        Assert.Equal("operational", (string?)status.Json!["status"]);
        Assert.Equal("v1", (string?)status.Json["api_version"]);
    }

    [Fact]
    public async Task Signed_in_users_are_sent_from_home_login_and_register_to_their_dashboard()
    {
        using var user = await App.SignedInUserAsync();

        (await user.GetAsync("/")).RedirectsTo("/dashboard");
        (await user.GetAsync("/login")).RedirectsTo("/dashboard");
        (await user.GetAsync("/register")).RedirectsTo("/dashboard");
        var dashboard = (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK);
        Assert.Contains("Your bots", dashboard.Text);
        Assert.Contains(user.Email!, dashboard.Text);
        Assert.Contains("No bots yet.", dashboard.Text);
        Assert.DoesNotContain("href=\"/admin\"", dashboard.Html);
    }

    [Fact]
    public async Task Every_private_page_sends_anonymous_visitors_to_the_login_page()
    {
        using var owner = await App.SignedInUserAsync();
        var bot = await owner.CreateBotAsync("Private bot");
        var pair = await owner.AddPairAsync(bot);
        var run = await Seed.RunAsync(App, bot, pair);
        using var visitor = App.NewSession();

        string[] pages =
        [
            "/dashboard", "/bots/new", Urls.Bot(bot), Urls.Bot(bot, "edit"), Urls.Bot(bot, "keys"), Urls.Bot(bot, "delete"),
            Urls.Run(bot, run.MetricId), Urls.Bot(bot, "pairs/new"), Urls.Pair(bot, pair, "edit"), Urls.Pair(bot, pair, "delete"),
            Urls.Bot(bot, "start"), "/account", "/account/password", "/account/telegram",
            "/admin", "/admin/users", "/admin/bots", "/admin/scheduler", "/admin/audit", "/logout",
        ];
        foreach (var page in pages)
        {
            var answer = await visitor.GetAsync(page);
            answer.RedirectsTo("/login");
            Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(page), answer.Location, StringComparison.OrdinalIgnoreCase);
        }
        // Forms posted by an anonymous visitor (with a valid anonymous token) change nothing either.
        (await visitor.PostFormAsync(Urls.Bot(bot, "start"))).RedirectsTo("/login");
        (await visitor.PostFormAsync(Urls.Bot(bot, "delete"))).RedirectsTo("/login");
        Assert.Contains("Private bot", (await owner.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Text);
    }

    [Fact]
    public async Task Dashboard_lists_only_the_users_own_bots_with_their_plan()
    {
        using var ann = await App.SignedInUserAsync();
        using var bob = await App.SignedInUserAsync();
        var annBot = await ann.CreateBotAsync("Ann's dip catcher");
        await bob.CreateBotAsync("Bob's bot");
        await ann.AddPairAsync(annBot);

        var dashboard = (await ann.GetAsync("/dashboard")).Is(HttpStatusCode.OK);
        Assert.Contains("Ann's dip catcher", dashboard.Text);
        Assert.Contains($"href=\"/bots/{annBot}\"", dashboard.Html);
        Assert.Contains("1 active / 1", dashboard.Text);
        Assert.Contains("1 / 10 bots", dashboard.Text);
        Assert.Contains(">pro<", dashboard.Html);
        Assert.DoesNotContain("Bob's bot", dashboard.Text);
    }

    [Fact]
    public async Task New_bot_form_creates_a_paper_bot_and_a_phemex_bot()
    {
        using var user = await App.SignedInUserAsync();
        var form = (await user.GetAsync("/bots/new")).Is(HttpStatusCode.OK);
        Assert.Contains("Paper (simulated account)", form.Text);
        Assert.Contains("value=\"phemex\"", form.Html);

        var created = await user.PostFormAsync("/bots/new", ("Name", "Paper one"), ("Exchange", "paper"), ("RunEveryMinutes", "15"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var page = (await user.GetAsync(created.Location!)).Is(HttpStatusCode.OK);
        Assert.Contains("Bot \"Paper one\" created. Add a trading pair, then start it.", page.Alerts);
        Assert.Contains("<h1>Paper one</h1>", page.Html);
        Assert.Contains("Simulated account", page.Text);
        Assert.Contains("every 15 minutes", page.Text);
        Assert.Contains("No trading pairs yet.", page.Text);
        Assert.Contains("Add an active trading pair before starting the bot.", page.Alerts);
        Assert.Contains("No runs yet.", page.Text);

        var phemex = await user.CreateBotAsync("Mainnet bot", "phemex", "PhemexKey-0001-ABCD", "PhemexSecret-0001-very-secret");
        var phemexPage = (await user.GetAsync(Urls.Bot(phemex))).Is(HttpStatusCode.OK);
        Assert.Contains("Phemex USDT perpetuals", phemexPage.Text);
        Assert.Contains("…ABCD", phemexPage.Text);
        Assert.Contains("Replace keys", phemexPage.Text);
    }

    [Fact]
    public async Task New_bot_form_answers_invalid_input_with_field_messages_and_never_echoes_keys()
    {
        using var user = await App.SignedInUserAsync();

        var page = await user.PostFormAsync("/bots/new", ("Name", "  "), ("Exchange", "paper"), ("RunEveryMinutes", "7"));
        page.HasFieldError("Give the bot a name.").HasFieldError("Choose one of 1, 5, 15, 30, 60 minutes.");

        page = await user.PostFormAsync("/bots/new", ("Name", "Typo"), ("Exchange", "paper"), ("RunEveryMinutes", "five"));
        page.HasFieldError("Choose one of 1, 5, 15, 30, 60 minutes.");

        page = await user.PostFormAsync("/bots/new", ("Name", "Elsewhere"), ("Exchange", "binance"), ("RunEveryMinutes", "5"));
        page.HasFieldError("Choose one of phemex, paper.");

        page = await user.PostFormAsync("/bots/new", ("Name", new string('x', 101)), ("Exchange", "phemex"), ("RunEveryMinutes", "5"),
            ("ApiKey", "has a space-1234"), ("ApiSecret", "Secret-That-Must-Not-Echo-42"));
        page.HasFieldError("Use at most 100 characters for the name.")
            .HasFieldError("The API key cannot contain spaces or control characters.");
        Assert.DoesNotContain("Secret-That-Must-Not-Echo-42", page.Html);
        Assert.Contains("For your safety they were not kept", page.Text);

        page = await user.PostFormAsync("/bots/new", ("Name", "No keys"), ("Exchange", "phemex"), ("RunEveryMinutes", "5"));
        page.HasFieldError("Enter the API key from Phemex (API Management).").HasFieldError("Enter the API secret from Phemex (API Management).");

        var dashboard = await user.GetAsync("/dashboard");
        Assert.Contains("No bots yet.", dashboard.Text);
    }

    [Fact]
    public async Task Names_are_free_text_without_a_keyword_blacklist_and_are_shown_encoded()
    {
        using var user = await App.SignedInUserAsync();
        const string name = "<script>alert(1)</script> SELECT * FROM bots; DROP";

        var bot = await user.CreateBotAsync(name);

        var page = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; SELECT * FROM bots; DROP</h1>", page.Html);
        Assert.DoesNotContain("<script>alert(1)", page.Html);
    }

    [Fact]
    public async Task Edit_page_saves_the_name_and_interval_and_answers_invalid_values_with_field_messages()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Before");

        var form = (await user.GetAsync(Urls.Bot(bot, "edit"))).Is(HttpStatusCode.OK);
        Assert.Equal("Before", form.InputValue("Name"));
        Assert.Contains("<option value=\"5\" selected=\"selected\">5 minutes</option>", form.Html);

        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", ""), ("RunEveryMinutes", "2")))
            .HasFieldError("Give the bot a name.").HasFieldError("Choose one of 1, 5, 15, 30, 60 minutes.");
        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "After"), ("RunEveryMinutes", "x")))
            .HasFieldError("Choose one of 1, 5, 15, 30, 60 minutes.");

        (await user.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "After"), ("RunEveryMinutes", "60"))).RedirectsTo(Urls.Bot(bot));
        var page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Saved.", page.Alerts);
        Assert.Contains("<h1>After</h1>", page.Html);
        Assert.Contains("every 1 hour", page.Text);
    }

    [Fact]
    public async Task Keys_page_replaces_the_keys_and_shows_only_the_last_four_characters()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Keyed", "phemex", "FirstKey-000-WXYZ", "FirstSecret-000-hidden");

        var form = (await user.GetAsync(Urls.Bot(bot, "keys"))).Is(HttpStatusCode.OK);
        Assert.Contains("Current key: …WXYZ.", form.Text);

        var refused = await user.PostFormAsync(Urls.Bot(bot, "keys"), ("ApiKey", "short"), ("ApiSecret", "SecondSecret-111-hidden"));
        refused.HasFieldError("The API key should be 10 to 500 characters long; check that it was copied whole.");
        Assert.DoesNotContain("SecondSecret-111-hidden", refused.Html);
        Assert.Contains("what you typed was not kept", refused.Text);

        (await user.PostFormAsync(Urls.Bot(bot, "keys"), ("ApiKey", "SecondKey-111-QRST"), ("ApiSecret", "SecondSecret-111-hidden")))
            .RedirectsTo(Urls.Bot(bot));
        var page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Keys replaced: the bot now uses the key ending …QRST.", page.Alerts);
        Assert.Contains("…QRST", page.Text);
        Assert.DoesNotContain("SecondKey-111-QRST", page.Html);

        var paper = await user.CreateBotAsync("No keys here");
        Assert.Contains("A paper bot trades a simulated account and has no exchange keys.", (await user.GetAsync(Urls.Bot(paper, "keys"))).Is(HttpStatusCode.OK).Text);
        var paperRefused = (await user.PostFormAsync(Urls.Bot(paper, "keys"), ("ApiKey", "SomeKey-222-AAAA"), ("ApiSecret", "SomeSecret-222-aaaa")))
            .Is(HttpStatusCode.OK);
        Assert.Contains("has no exchange keys", paperRefused.Text);
        Assert.DoesNotContain("…AAAA", (await user.GetAsync(Urls.Bot(paper))).Text);
    }

    [Fact]
    public async Task Pair_pages_add_edit_and_delete_a_pair_with_the_strategy_defaults_shown()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Pairs");

        var form = (await user.GetAsync(Urls.Bot(bot, "pairs/new"))).Is(HttpStatusCode.OK);
        Assert.Contains("Add a trading pair", form.Text);
        Assert.Contains("<option value=\"BTCUSDT\">", form.Html);
        Assert.Contains("<option value=\"SOLUSDT\">", form.Html);
        Assert.Equal("10", form.InputValue("Form.Leverage"));
        Assert.False(string.IsNullOrEmpty(form.InputValue("Form.Settings[first_order_margin]")));
        Assert.Contains("first_order_margin", form.Text);
        Assert.Contains("default", form.Text);

        (await user.PostFormAsync(Urls.Bot(bot, "pairs/new"), Session.PairForm("ethusdt", "Short", 7, "15", ("Form.Settings[first_order_margin]", "0.02"))))
            .RedirectsTo(Urls.Bot(bot));
        var page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Pair ETHUSDT Short added.", page.Alerts);
        Assert.Contains("<strong>ETHUSDT</strong>", page.Html);
        Assert.Contains("7x", page.Text);
        Assert.Contains("15 minutes", page.Text);

        var pair = (await user.ApiAsync(HttpMethod.Get, Urls.Api(bot, "pairs"))).Json!.AsArray().Single()!;
        var pairId = pair["id"]!.GetValue<int>();
        Assert.Equal(0.02m, pair["config"]!["first_order_margin"]!.GetValue<decimal>());

        var edit = (await user.GetAsync(Urls.Pair(bot, pairId, "edit"))).Is(HttpStatusCode.OK);
        Assert.Contains("Edit ETHUSDT Short", edit.Text);
        Assert.Equal("0.02", edit.InputValue("Form.Settings[first_order_margin]"));
        (await user.PostFormAsync(Urls.Pair(bot, pairId, "edit"), Session.PairForm("ETHUSDT", "Short", 20, "60", ("Form.Settings[take_profit_pnl]", "0.5"))))
            .RedirectsTo(Urls.Bot(bot));
        page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Pair ETHUSDT Short saved.", page.Alerts);
        Assert.Contains("20x", page.Text);
        Assert.Contains("1 hour", page.Text);
        Assert.Equal("0.5", (await user.GetAsync(Urls.Pair(bot, pairId, "edit"))).InputValue("Form.Settings[take_profit_pnl]"));

        var confirm = (await user.GetAsync(Urls.Pair(bot, pairId, "delete"))).Is(HttpStatusCode.OK);
        Assert.Contains("Delete the ETHUSDT Short pair?", confirm.Text);
        // While its last run's order may still rest, the pair stays: deactivating it gets the order cancelled first.
        await using (var db = App.Database.CreateContext())
        {
            var row = db.TradingPairs.Single(p => p.Id == pairId);
            row.AlertState = """{"openOrderId":"dt-p9-29000000-O"}""";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        (await user.PostFormAsync(Urls.Pair(bot, pairId, "delete"))).RedirectsTo(Urls.Bot(bot));
        Assert.Contains("ETHUSDT Short: The pair's last run left an order that may still rest on the exchange. Deactivate the pair first: the bot's next run cancels that order (stopping the bot does too). Then delete it.",
            (await user.GetAsync(Urls.Bot(bot))).Alerts);
        await using (var db = App.Database.CreateContext())
        {
            db.TradingPairs.Single(p => p.Id == pairId).AlertState = null;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        (await user.PostFormAsync(Urls.Pair(bot, pairId, "delete"))).RedirectsTo(Urls.Bot(bot));
        page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Pair ETHUSDT Short deleted.", page.Alerts);
        Assert.Contains("No trading pairs yet.", page.Text);
        (await user.GetAsync(Urls.Pair(bot, pairId, "edit"))).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pair_form_names_each_invalid_field_and_keeps_what_was_typed()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Validated pairs");
        var url = Urls.Bot(bot, "pairs/new");

        var page = await user.PostFormAsync(url, Session.PairForm("dogeusdt"));
        page.HasFieldError("DOGEUSDT is not a perpetual contract on the paper market. Available: BTCUSDT, ETHUSDT, SOLUSDT.");
        Assert.Equal("DOGEUSDT", page.InputValue("Form.Symbol"));
        Assert.Contains("Nothing was saved: check the fields marked below.", page.Alerts);

        page = await user.PostFormAsync(url, Session.PairForm("BTCUSDT", leverage: 0, emaInterval: "3", extra: ("Form.Settings[first_order_margin]", "0.9")));
        page.HasFieldError("Choose a leverage from 1 to 100.")
            .HasFieldError("Choose an EMA interval of 1, 5, 15, 30, 60, 240, 1440 minutes.")
            .HasFieldError("first_order_margin: must be");
        Assert.Equal("0.9", page.InputValue("Form.Settings[first_order_margin]"));

        (await user.PostFormAsync(url, Session.PairForm("BTCUSDT", leverage: 101))).HasFieldError("Choose a leverage from 1 to 100.");
        (await user.PostFormAsync(url, Session.PairForm("BTCUSDT", "Sideways"))).HasFieldError("Choose Long or Short.");
        (await user.PostFormAsync(url, Session.PairForm("B!", "Long"))).HasFieldError("Enter a symbol of 3–20 letters or digits, such as BTCUSDT.");
        (await user.PostFormAsync(url, Session.PairForm("BTCUSDT", extra: ("Form.Settings[max_margin]", "lots"))))
            .HasFieldError("max_margin: must be");
        (await user.PostFormAsync(url, Session.PairForm("BTCUSDT", extra: ("Form.Settings[reduce_steps]", "10:1.5"))))
            .HasFieldError("fraction must be");

        Assert.Contains("No trading pairs yet.", (await user.GetAsync(Urls.Bot(bot))).Text);
    }

    [Fact]
    public async Task A_second_pair_with_the_same_symbol_and_side_is_refused()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Duplicates");
        await user.AddPairAsync(bot, "BTCUSDT", "Long", 10);

        (await user.PostFormAsync(Urls.Bot(bot, "pairs/new"), Session.PairForm("BTCUSDT", "Long", 10)))
            .HasFieldError("This bot already has a BTCUSDT Long pair.");
        (await user.PostFormAsync(Urls.Bot(bot, "pairs/new"), Session.PairForm("BTCUSDT", "Short", 25)))
            .HasFieldError("both sides of a symbol share one leverage");
        (await user.PostFormAsync(Urls.Bot(bot, "pairs/new"), Session.PairForm("BTCUSDT", "Short", 10))).RedirectsTo(Urls.Bot(bot));
    }

    [Fact]
    public async Task Starting_needs_an_active_pair_and_start_and_stop_change_the_bots_status()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Starter");

        (await user.PostFormAsync(Urls.Bot(bot, "start"))).RedirectsTo(Urls.Bot(bot));
        var page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Add an active trading pair before starting the bot.", page.Alerts);
        Assert.Contains("data-status=\"stopped\"", page.Html);

        var pair = await user.AddPairAsync(bot);
        (await user.PostFormAsync(Urls.Pair(bot, pair, "edit"), [.. Session.PairForm("BTCUSDT").Where(f => f.Item1 != "Form.IsActive")]))
            .RedirectsTo(Urls.Bot(bot));
        Assert.Contains(">inactive<", (await user.GetAsync(Urls.Bot(bot))).Html);
        await user.PostFormAsync(Urls.Bot(bot, "start"));
        page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Add an active trading pair before starting the bot.", page.Alerts);
        Assert.Contains("data-status=\"stopped\"", page.Html);

        await user.PostFormAsync(Urls.Pair(bot, pair, "edit"), Session.PairForm("BTCUSDT"));
        (await user.PostFormAsync(Urls.Bot(bot, "start"))).RedirectsTo(Urls.Bot(bot));
        page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Bot started: its first run comes within a minute.", page.Alerts);
        Assert.Contains("data-status=\"running\"", page.Html);
        Assert.Contains("within a minute", page.Text);
        Assert.Contains(">running<", (await user.GetAsync("/dashboard")).Html);

        (await user.PostFormAsync(Urls.Bot(bot, "stop"))).RedirectsTo(Urls.Bot(bot));
        page = await user.GetAsync(Urls.Bot(bot));
        Assert.Contains("Bot stopped. An order its last run left resting is cancelled now; open positions stay open on the exchange until you close them.", page.Alerts);
        Assert.Contains("data-status=\"stopped\"", page.Html);
        Assert.Contains("not scheduled (stopped)", page.Text);
        (await user.GetAsync(Urls.Bot(bot, "stop"))).RedirectsTo(Urls.Bot(bot));
    }

    [Fact]
    public async Task Delete_page_asks_first_then_deletes_the_bot_once_it_is_stopped()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Doomed");
        await user.AddPairAsync(bot);
        await Seed.RunAsync(App, bot);

        // A running bot is stopped first, so its closing pass cancels what its last runs left resting.
        (await user.PostFormAsync(Urls.Bot(bot, "start"))).RedirectsTo(Urls.Bot(bot));
        var running = (await user.GetAsync(Urls.Bot(bot, "delete"))).Is(HttpStatusCode.OK);
        Assert.Contains("The bot is running. Stop it first", running.Text);
        Assert.DoesNotContain("Delete the bot", running.Text);
        (await user.PostFormAsync(Urls.Bot(bot, "delete"))).RedirectsTo(Urls.Bot(bot));
        Assert.Contains("Stop the bot before deleting it: stopping cancels the orders its last runs left resting on the exchange.", (await user.GetAsync(Urls.Bot(bot))).Alerts);
        (await user.PostFormAsync(Urls.Bot(bot, "stop"))).RedirectsTo(Urls.Bot(bot));

        var confirm = (await user.GetAsync(Urls.Bot(bot, "delete"))).Is(HttpStatusCode.OK);
        Assert.Contains("Delete “Doomed”?", confirm.Text);
        Assert.Contains("It cannot be undone.", confirm.Text);
        Assert.Contains("Doomed", (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK).Text);

        (await user.PostFormAsync(Urls.Bot(bot, "delete"))).RedirectsTo("/dashboard");
        Assert.Contains("Bot \"Doomed\" deleted.", (await user.GetAsync("/dashboard")).Alerts);
        (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.NotFound);
        (await user.PostFormAsync(Urls.Bot(bot, "delete"))).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bot_page_shows_trades_runs_and_logs_and_the_run_page_explains_the_decision()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Explained");
        var pair = await user.AddPairAsync(bot);
        var run = await Seed.RunAsync(App, bot, pair);

        var page = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Contains(run.Conclusion, page.Text);
        Assert.Contains($"href=\"/bots/{bot}/runs/{run.MetricId}\"", page.Html);
        Assert.Contains("P2 add 0.01 BTCUSDT filled at 61230", page.Text);
        Assert.Contains("(P2)", page.Text);
        Assert.Contains("61230", page.Text);
        Assert.Contains("in 812 ms", page.Text);
        // The pair's row shows the position its last run saw: size, margin, uPnL, margin level.
        var pairRow = page.Html[page.Html.IndexOf("<table class=\"pairs\">", StringComparison.Ordinal)..];
        pairRow = pairRow[..pairRow.IndexOf("</tr>", pairRow.IndexOf("<tbody>", StringComparison.Ordinal), StringComparison.Ordinal)];
        foreach (var figure in new[] { ">0.02<", ">122.47<", ">-14.20<", ">3.10<" })
        {
            Assert.Contains(figure, pairRow);
        }
        Assert.Contains("data-metrics-url=\"/api/bots/" + bot.ToString(CultureInfo.InvariantCulture) + "/metrics\"", page.Html);
        Assert.Contains("/lib/lightweight-charts/lightweight-charts.standalone.production.js", page.Html);

        var detail = (await user.GetAsync(Urls.Run(bot, run.MetricId))).Is(HttpStatusCode.OK);
        Assert.Contains("rule P2", detail.Text);
        Assert.Contains(">Add<", detail.Html);
        Assert.Contains(run.Conclusion, detail.Text);
        Assert.Contains("Margin level is getting low.", detail.Text);
        Assert.Contains("dip under EMA50", detail.Text);
        Assert.Contains("Orders placed", detail.Text);
        Assert.Contains("3.10", detail.Text);

        (await user.GetAsync(Urls.Run(bot, run.MetricId + 100_000))).Is(HttpStatusCode.NotFound);
        // Paging beyond the end, or nonsense page numbers, still render.
        Assert.Contains("No older runs.", (await user.GetAsync(Urls.Bot(bot) + "?runs=2")).Is(HttpStatusCode.OK).Text);
        (await user.GetAsync(Urls.Bot(bot) + "?runs=-5&trades=999999999")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_users_bot_pair_run_and_token_ids_answer_404_on_every_page_and_change_nothing()
    {
        using var owner = await App.SignedInUserAsync();
        var bot = await owner.CreateBotAsync("Owner's bot", "phemex", "OwnerKey-123-LMNO", "OwnerSecret-123-xyz");
        var paper = await owner.CreateBotAsync("Owner's paper bot");
        var pair = await owner.AddPairAsync(paper);
        var run = await Seed.RunAsync(App, paper, pair);
        var token = await owner.CreateApiTokenAsync("owner script");
        var tokenId = (await owner.GetAsync("/account")).InputValue("tokenId")!;
        using var intruder = await App.SignedInUserAsync();
        var ownBot = await intruder.CreateBotAsync("Intruder's bot");

        string[] pages =
        [
            Urls.Bot(bot), Urls.Bot(bot, "edit"), Urls.Bot(bot, "keys"), Urls.Bot(bot, "delete"), Urls.Bot(paper, "pairs/new"),
            Urls.Pair(paper, pair, "edit"), Urls.Pair(paper, pair, "delete"), Urls.Run(paper, run.MetricId),
            // The intruder's own bot with the owner's pair or run id.
            Urls.Pair(ownBot, pair, "edit"), Urls.Pair(ownBot, pair, "delete"), Urls.Run(ownBot, run.MetricId),
        ];
        foreach (var url in pages)
        {
            Assert.Contains("There is nothing here", (await intruder.GetAsync(url)).Is(HttpStatusCode.NotFound).Text);
        }
        (await intruder.PostFormAsync(Urls.Bot(bot, "edit"), ("Name", "Taken"), ("RunEveryMinutes", "5"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Bot(bot, "keys"), ("ApiKey", "StolenKey-000-ZZZZ"), ("ApiSecret", "StolenSecret-000-zz"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Bot(paper, "start"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Bot(paper, "stop"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Bot(paper, "pairs/new"), Session.PairForm("ETHUSDT"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Pair(paper, pair, "edit"), Session.PairForm("BTCUSDT", leverage: 50))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Pair(ownBot, pair, "edit"), Session.PairForm("BTCUSDT", leverage: 50))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Pair(paper, pair, "delete"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Pair(ownBot, pair, "delete"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync(Urls.Bot(bot, "delete"))).Is(HttpStatusCode.NotFound);
        (await intruder.PostFormAsync("/account?handler=RevokeToken", ("tokenId", tokenId))).Is(HttpStatusCode.NotFound);

        var ownerPage = (await owner.GetAsync(Urls.Bot(paper))).Is(HttpStatusCode.OK);
        Assert.Contains("10x", ownerPage.Text);
        Assert.Contains("data-status=\"stopped\"", ownerPage.Html);
        var phemexPage = (await owner.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Contains("<h1>Owner's bot</h1>", phemexPage.Decoded);
        Assert.Contains("…LMNO", phemexPage.Text);
        using var api = App.ApiClientWithToken(token);
        (await ApiAnswer.SendAsync(api, HttpMethod.Get, "/api/bots")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Account_page_creates_a_token_shows_it_once_and_revokes_it()
    {
        using var user = await App.SignedInUserAsync();
        var account = (await user.GetAsync("/account")).Is(HttpStatusCode.OK);
        Assert.Contains("Your account", account.Text);
        Assert.Contains(user.Email!, account.Text);
        Assert.Contains("No tokens yet.", account.Text);
        Assert.True(account.Response.Headers.CacheControl?.NoStore, "the account page must not be stored");

        var refused = await user.PostFormAsync("/account?handler=CreateToken", ("TokenName", "   "));
        refused.HasFieldError("Give the token a name");
        refused = await user.PostFormAsync("/account?handler=CreateToken", ("TokenName", new string('n', 101)));
        refused.HasFieldError("Use at most 100 characters, on one line.");

        var token = await user.CreateApiTokenAsync("grafana");
        account = await user.GetAsync("/account");
        Assert.DoesNotContain(token, account.Html);
        Assert.Contains("grafana", account.Text);
        Assert.Contains(token[..8] + "…", account.Text);
        Assert.Contains(">active<", account.Html);

        (await user.PostFormAsync("/account?handler=RevokeToken", ("tokenId", account.InputValue("tokenId")!))).RedirectsTo("/account");
        account = await user.GetAsync("/account");
        Assert.Contains("The token is revoked: requests that use it are refused from now on.", account.Alerts);
        Assert.Contains("revoked", account.Text);
        Assert.Null(account.InputValue("tokenId"));
    }

    [Fact]
    public async Task Password_and_telegram_pages_render_and_answer_invalid_input_with_field_messages()
    {
        using var user = await App.SignedInUserAsync();

        Assert.Contains("Change password", (await user.GetAsync("/account/password")).Is(HttpStatusCode.OK).Text);
        (await user.PostFormAsync("/account/password", ("CurrentPassword", "not-my-password"), ("NewPassword", "short"), ("Confirmation", "other")))
            .HasFieldError("The current password is not right.")
            .HasFieldError("Use at least 10 characters.")
            .HasFieldError("The two passwords do not match.");
        (await user.PostFormAsync("/account/password", ("CurrentPassword", WebApp.Password), ("NewPassword", "qwertyuiop"), ("Confirmation", "qwertyuiop")))
            .HasFieldError("This password is too common");
        (await user.PostFormAsync("/account/password", ("CurrentPassword", WebApp.Password), ("NewPassword", user.Email!), ("Confirmation", user.Email!)))
            .HasFieldError("Do not use your email address as your password.");

        var telegram = (await user.GetAsync("/account/telegram")).Is(HttpStatusCode.OK);
        Assert.Contains("not configured", telegram.Text);
        (await user.PostFormAsync("/account/telegram?handler=Save", ("BotToken", "not-a-token"), ("ChatId", "my chat"), ("Enabled", "true")))
            .HasFieldError("A Telegram bot token looks like 123456789:AAE")
            .HasFieldError("A chat id is a number");
        (await user.PostFormAsync("/account/telegram?handler=Save", ("BotToken", ""), ("ChatId", ""), ("Enabled", "true")))
            .HasFieldError("Enter the bot token.")
            .HasFieldError("Enter the chat id.");
        const string botToken = "123456789:AAE_abcdefghijklmnopqrstuvwxyz0123456789";
        (await user.PostFormAsync("/account/telegram?handler=Save", ("BotToken", botToken), ("ChatId", "-1001234567890"), ("Enabled", "true")))
            .RedirectsTo("/account");
        var account = await user.GetAsync("/account");
        Assert.Contains("Telegram settings saved: notifications are on.", account.Alerts);
        Assert.Contains("configured, chat …890", account.Text);
        Assert.DoesNotContain(botToken, account.Html);
        Assert.DoesNotContain("1001234567890", account.Html);
        (await user.PostFormAsync("/account/telegram?handler=Disable")).RedirectsTo("/account");
        Assert.Contains("Telegram notifications are off.", (await user.GetAsync("/account")).Alerts);
        (await user.PostFormAsync("/account/telegram?handler=Clear")).RedirectsTo("/account");
        account = await user.GetAsync("/account");
        Assert.Contains("Telegram settings removed.", account.Alerts);
        Assert.Contains("not configured", account.Text);
        (await user.PostFormAsync("/account/telegram?handler=Test")).RedirectsTo("/account");
        Assert.Contains("Save a bot token and a chat id first.", (await user.GetAsync("/account")).Alerts);
    }

    [Fact]
    public async Task A_telegram_token_of_a_shape_telegram_refuses_is_refused_by_the_form_and_answered_plainly_by_the_test_message()
    {
        using var user = await App.SignedInUserAsync();
        const string secretPart = "AAE_abcdefghijklmnopqrstuvwxyz0123456789";

        // Telegram.Bot throws on a bot id over 16 digits; the form used to take up to 20.
        (await user.PostFormAsync("/account/telegram?handler=Save", ("BotToken", $"12345678901234567:{secretPart}"), ("ChatId", "42"), ("Enabled", "true")))
            .HasFieldError("a bot id of 1 to 16 digits");
        (await user.PostFormAsync("/account/telegram?handler=Save", ("BotToken", $"1234567890123456:{secretPart}"), ("ChatId", "42"), ("Enabled", "true")))
            .RedirectsTo("/account");
        // A token saved while the form still took it.
        await using (var db = App.Database.CreateContext())
        {
            var row = db.NotificationSettings.Single(n => n.UserId == user.UserId);
            row.TelegramBotTokenEncrypted = App.Services.GetRequiredService<SecretBox>().Encrypt($"12345678901234567890:{secretPart}");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        (await user.PostFormAsync("/account/telegram?handler=Test")).RedirectsTo("/account");

        var account = await user.GetAsync("/account");
        Assert.True(account.HasAlert("The saved bot token is not of the form Telegram accepts"), string.Join(" | ", account.Alerts));
        Assert.DoesNotContain(secretPart, account.Html);
    }

    [Fact]
    public async Task Admin_pages_render_for_the_admin_and_answer_403_to_everyone_else()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Watched by the admin");
        var admin = fixture.Admin;

        var overview = (await admin.GetAsync("/admin")).Is(HttpStatusCode.OK);
        Assert.Contains("Pending approvals", overview.Text);
        Assert.Contains("Site settings", overview.Text);
        Assert.Contains("Runs in worker processes", overview.Text);
        Assert.Contains("href=\"/admin\"", overview.Html);
        var users = (await admin.GetAsync("/admin/users")).Is(HttpStatusCode.OK);
        Assert.Contains(user.Email!, users.Text);
        Assert.Contains(WebAppFixture.AdminEmail, users.Text);
        var bots = (await admin.GetAsync("/admin/bots")).Is(HttpStatusCode.OK);
        Assert.Contains("Watched by the admin", bots.Text);
        Assert.Contains("#" + bot.ToString(CultureInfo.InvariantCulture), bots.Text);
        Assert.Contains("This web app runs without a scheduler", (await admin.GetAsync("/admin/scheduler")).Is(HttpStatusCode.OK).Text);
        var audit = (await admin.GetAsync("/admin/audit")).Is(HttpStatusCode.OK);
        Assert.Contains("bot_created", audit.Text);
        Assert.Contains(">login<", audit.Html);
        // Nonsense page numbers are clamped, not errors.
        (await admin.GetAsync("/admin/users?p=-3")).Is(HttpStatusCode.OK);
        (await admin.GetAsync("/admin/bots?p=999999999")).Is(HttpStatusCode.OK);

        foreach (var page in new[] { "/admin", "/admin/users", "/admin/bots", "/admin/scheduler", "/admin/audit" })
        {
            Assert.Contains("You do not have access to this page.", (await user.GetAsync(page)).Is(HttpStatusCode.Forbidden).Text);
        }
        (await user.PostFormAsync("/admin/users?handler=Plan", ("userId", user.UserId!.Value.ToString(CultureInfo.InvariantCulture)), ("plan", "pro"), ("maxBots", "100")))
            .Is(HttpStatusCode.Forbidden);
        (await user.PostFormAsync("/admin?handler=Registration", ("enabled", "false"))).Is(HttpStatusCode.Forbidden);
        Assert.Contains("Create an account", (await App.NewSession().GetAsync("/register")).Text);
        Assert.DoesNotContain("Registration is closed", (await App.NewSession().GetAsync("/register")).Text);
    }

    [Fact]
    public async Task Admin_force_stops_a_users_bot_and_changes_a_plan_with_messages()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Runaway");
        await user.AddPairAsync(bot);
        await user.PostFormAsync(Urls.Bot(bot, "start"));
        var admin = fixture.Admin;
        var userId = user.UserId!.Value.ToString(CultureInfo.InvariantCulture);

        (await admin.PostFormAsync("/admin/bots?handler=Stop", ("botId", bot.ToString(CultureInfo.InvariantCulture)))).RedirectsTo("/admin/bots");
        Assert.Contains($"Bot #{bot} (Runaway) is stopped.", (await admin.GetAsync("/admin/bots")).Alerts);
        Assert.Contains("data-status=\"stopped\"", (await user.GetAsync(Urls.Bot(bot))).Html);
        (await admin.PostFormAsync("/admin/bots?handler=Stop", ("botId", "987654"))).Is(HttpStatusCode.NotFound);

        (await admin.PostFormAsync("/admin/users?handler=Plan", ("userId", userId), ("plan", "basic"), ("maxBots", ""))).RedirectsTo("/admin/users");
        Assert.Contains($"{user.Email} is on the basic plan with up to 3 bots.", (await admin.GetAsync("/admin/users")).Alerts);
        (await admin.PostFormAsync("/admin/users?handler=Plan", ("userId", userId), ("plan", "gold"), ("maxBots", "101"))).RedirectsTo("/admin/users");
        var refused = await admin.GetAsync("/admin/users");
        Assert.Contains(refused.Alerts, a => a.Contains("Choose one of free, basic, pro.", StringComparison.Ordinal) && a.Contains("The bot limit is a whole number from 0 to 100", StringComparison.Ordinal));
        Assert.Contains("1 / 3 bots", (await user.GetAsync("/dashboard")).Text);
    }

    [Fact]
    public async Task Plan_limit_is_enforced_when_creating_and_when_starting_a_bot()
    {
        using var free = await App.SignedInUserAsync("free");
        await free.CreateBotAsync("The only one");
        Assert.True((await free.GetAsync("/dashboard")).HasAlert("You have reached your plan's limit of 1 bot."));
        Assert.True((await free.GetAsync("/bots/new")).Is(HttpStatusCode.OK).HasAlert("You have reached your plan's limit of 1 bot (free)."));
        var refused = (await free.PostFormAsync("/bots/new", ("Name", "One too many"), ("Exchange", "paper"), ("RunEveryMinutes", "5"))).Is(HttpStatusCode.OK);
        Assert.True(refused.HasAlert("You have reached your bot limit (1 bot on the free plan). Delete a bot or ask an admin for a larger plan."), refused.ToString());
        Assert.DoesNotContain("One too many", (await free.GetAsync("/dashboard")).Text);

        using var basic = await App.SignedInUserAsync("basic");
        var first = await basic.CreateBotAsync("First");
        var second = await basic.CreateBotAsync("Second");
        await basic.AddPairAsync(first);
        await basic.AddPairAsync(second);
        await basic.PostFormAsync(Urls.Bot(first, "start"));
        await basic.PostFormAsync(Urls.Bot(second, "start"));
        Assert.Contains("data-status=\"running\"", (await basic.GetAsync(Urls.Bot(second))).Html);
        (await fixture.Admin.PostFormAsync("/admin/users?handler=Plan", ("userId", basic.UserId!.Value.ToString(CultureInfo.InvariantCulture)), ("plan", "free"), ("maxBots", "")))
            .RedirectsTo("/admin/users");
        await basic.PostFormAsync(Urls.Bot(second, "stop"));

        await basic.PostFormAsync(Urls.Bot(second, "start"));
        var page = await basic.GetAsync(Urls.Bot(second));
        Assert.Contains("Your free plan runs at most 1 bot at a time; stop another bot first.", page.Alerts);
        Assert.Contains("data-status=\"stopped\"", page.Html);
    }

    [Fact]
    public async Task Every_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var user = await App.SignedInUserAsync();
        var bot = await user.CreateBotAsync("Guarded");
        var pair = await user.AddPairAsync(bot);
        var userId = user.UserId!.Value.ToString(CultureInfo.InvariantCulture);
        using var visitor = App.NewSession();

        (await visitor.PostFormWithoutTokenAsync("/login", ("Email", user.Email!), ("Password", WebApp.Password))).Is(HttpStatusCode.BadRequest);
        (await visitor.PostFormWithoutTokenAsync("/register", ("Email", "csrf@example.com"), ("Password", "Long-Enough-Password-1"), ("Confirmation", "Long-Enough-Password-1")))
            .Is(HttpStatusCode.BadRequest);
        (string Url, (string, string)[] Fields)[] forms =
        [
            ("/bots/new", [("Name", "Forged"), ("Exchange", "paper"), ("RunEveryMinutes", "5")]),
            (Urls.Bot(bot, "edit"), [("Name", "Forged"), ("RunEveryMinutes", "5")]),
            (Urls.Bot(bot, "keys"), [("ApiKey", "ForgedKey-000-AAAA"), ("ApiSecret", "ForgedSecret-000-aaaa")]),
            (Urls.Bot(bot, "start"), []),
            (Urls.Bot(bot, "stop"), []),
            (Urls.Bot(bot, "pairs/new"), Session.PairForm("ETHUSDT")),
            (Urls.Pair(bot, pair, "edit"), Session.PairForm("BTCUSDT", leverage: 50)),
            (Urls.Pair(bot, pair, "delete"), []),
            (Urls.Bot(bot, "delete"), []),
            ("/account?handler=CreateToken", [("TokenName", "forged")]),
            ("/account/password", [("CurrentPassword", WebApp.Password), ("NewPassword", "Forged-Password-123"), ("Confirmation", "Forged-Password-123")]),
            ("/account/telegram?handler=Save", [("BotToken", "123456789:AAE_abcdefghijklmnopqrstuvwxyz0123456789"), ("ChatId", "42"), ("Enabled", "true")]),
            ("/logout", []),
        ];
        foreach (var (url, fields) in forms)
        {
            Assert.Contains("400 — Bad request", (await user.PostFormWithoutTokenAsync(url, fields)).Is(HttpStatusCode.BadRequest).Text);
        }
        (string Url, (string, string)[] Fields)[] adminForms =
        [
            ("/admin?handler=Registration", [("enabled", "false")]),
            ("/admin?handler=Approval", [("required", "false")]),
            ("/admin/users?handler=Plan", [("userId", userId), ("plan", "free"), ("maxBots", "0")]),
            ("/admin/users?handler=Suspend", [("userId", userId)]),
            ("/admin/bots?handler=Stop", [("botId", bot.ToString(CultureInfo.InvariantCulture))]),
        ];
        foreach (var (url, fields) in adminForms)
        {
            (await fixture.Admin.PostFormWithoutTokenAsync(url, fields)).Is(HttpStatusCode.BadRequest);
        }

        var page = (await user.GetAsync(Urls.Bot(bot))).Is(HttpStatusCode.OK);
        Assert.Contains("<h1>Guarded</h1>", page.Html);
        Assert.Contains("10x", page.Text);
        Assert.Contains("data-status=\"stopped\"", page.Html);
        Assert.Contains("No tokens yet.", (await user.GetAsync("/account")).Text);
        Assert.Contains("1 / 10 bots", (await user.GetAsync("/dashboard")).Text);
        Assert.DoesNotContain("Registration is closed", (await visitor.GetAsync("/register")).Text);
    }

    [Fact]
    public async Task Logging_out_is_a_post_that_ends_the_session()
    {
        using var user = await App.SignedInUserAsync();

        var page = (await user.GetAsync("/logout")).Is(HttpStatusCode.OK);
        Assert.Contains("<h1>Log out</h1>", page.Html);
        (await user.GetAsync("/dashboard")).Is(HttpStatusCode.OK);

        (await user.PostFormAsync("/logout")).RedirectsTo("/login");
        Assert.Contains("You are logged out.", (await user.GetAsync("/login")).Alerts);
        (await user.GetAsync("/dashboard")).RedirectsTo("/login");
    }
}

public sealed class PageTestsOnSqlite(SqliteApp app) : PageTests(app), IClassFixture<SqliteApp>;

public sealed class PageTestsOnPostgres(PostgresApp app) : PageTests(app), IClassFixture<PostgresApp>;
