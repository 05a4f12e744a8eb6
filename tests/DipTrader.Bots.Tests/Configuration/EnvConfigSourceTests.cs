using DipTrader.Bots.Configuration;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Tests.Configuration;

public sealed class EnvConfigSourceTests
{
    private static Dictionary<string, string> Env(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static readonly (string, string)[] Keys = [("API_KEY", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), ("API_SECRET", "c2VjcmV0")];

    [Fact]
    public void Predecessor_env_file_loads_unchanged()
    {
        var file = EnvFile.Parse("""
            # Phemex
            API_KEY=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
            API_SECRET="c2VjcmV0LWZvci1kb2NzLW9ubHktbm90LXJlYWw"
            SYMBOL=BTCUSDT:Long:True,ETHUSDT:Short:False
            EMA_INTERVAL=5
            TESTNET=True
            USE_POSTONLY=false
            BOT_STARTUP=true
            TELEGRAM_BOT_TOKEN=123456789:ABCdef
            TELEGRAM_CHAT_ID=-100200300
            """);

        var loaded = EnvConfigSource.Load(file);

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var bot = loaded.Value!;
        Assert.Equal("phemex", bot.Exchange);
        Assert.True(bot.Testnet);
        Assert.True(bot.NotifyStartup);
        Assert.Equal("c2VjcmV0LWZvci1kb2NzLW9ubHktbm90LXJlYWw", bot.Credentials!.ApiSecret);
        Assert.Equal("-100200300", bot.Telegram!.ChatId);
        Assert.Equal(["BTCUSDT-L", "ETHUSDT-S"], bot.Pairs.Select(p => p.Key));
        var eth = bot.Pairs[1].Settings;
        Assert.Equal(PositionSide.Short, eth.Side);
        Assert.False(eth.AutomaticMode);
        Assert.Equal(5, eth.EmaInterval);
        Assert.Equal(10, eth.Leverage);
        Assert.False(eth.Strategy.PostOnly);
    }

    [Fact]
    public void Phemex_symbols_with_a_lower_case_u_before_their_digits_are_taken_as_written()
    {
        // Phemex names its scaled contracts u1000PEPEUSDT; the Python bot passed SYMBOL through as written.
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "u1000PEPEUSDT:Long:True")]));

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Equal("u1000PEPEUSDT", Assert.Single(loaded.Value!.Pairs).Settings.Symbol);
        Assert.Equal("u1000PEPEUSDT", PairSettings.NormalizeSymbol(" u1000pepeusdt "));
        Assert.Equal(("BTCUSDT", "UNIUSDT"), (PairSettings.NormalizeSymbol("btcusdt"), PairSettings.NormalizeSymbol("uniusdt")));
        Assert.False(PairSettings.IsValidSymbol("U1000PEPEUSDT".ToLowerInvariant()));
    }

    [Fact]
    public void Environment_wins_over_the_file()
    {
        var merged = EnvFile.Merge(EnvFile.Parse("EMA_INTERVAL=5\nSYMBOL=BTCUSDT:Long:True"), Env(("EMA_INTERVAL", "15")));
        Assert.Equal("15", merged["EMA_INTERVAL"]);
        Assert.Equal("BTCUSDT:Long:True", merged["SYMBOL"]);
    }

    [Theory]
    [InlineData("BTCUSDT:Long", "SYMBOL item 1 (\"BTCUSDT:Long\")", "three parts")]
    [InlineData("BTCUSDT:Long:True,ETHUSDT", "SYMBOL item 2 (\"ETHUSDT\")", "three parts")]
    [InlineData("BTCUSDT:Up:True", "SYMBOL item 1 (\"BTCUSDT:Up:True\")", "must be Long or Short")]
    [InlineData("BTCUSDT:Long:maybe", "SYMBOL item 1 (\"BTCUSDT:Long:maybe\")", "must be True or False")]
    [InlineData("btc-usdt:Long:True", "SYMBOL item 1 (\"btc-usdt:Long:True\")", "upper-case")]
    [InlineData("BTCUSDT:Long:True,BTCUSDT:Long:False", "SYMBOL item 2 (\"BTCUSDT:Long:False\")", "listed twice")]
    [InlineData(" , ", "SYMBOL", "lists no pairs")]
    public void Malformed_symbol_items_name_the_item_and_the_form(string symbol, string field, string message)
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", symbol)]));

        Assert.False(loaded.IsValid);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("EMA_INTERVAL", "3", "must be one of 1, 5, 15, 30, 60, 240, 1440")]
    [InlineData("EMA_INTERVAL", "five", "whole number")]
    [InlineData("TESTNET", "maybe", "for true")]
    [InlineData("USE_POSTONLY", "perhaps", "for true")]
    [InlineData("EXCHANGE", "binance", "phemex, paper")]
    [InlineData("PHEMEX_BASE_URL", "ftp://x", "http(s) URL")]
    [InlineData("LEVERAGE", "150", "from 1 to 100")]
    [InlineData("TELEGRAM_CHAT_ID", "42", "TELEGRAM_BOT_TOKEN")]
    [InlineData("BOT_ID", "7", "set only one")]
    public void Bad_values_name_the_variable(string name, string value, string message)
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), (name, value)]));

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.Message.Contains(message, StringComparison.Ordinal) || e.Field.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_keys_and_symbol_are_each_reported()
    {
        var loaded = EnvConfigSource.Load(Env());

        Assert.Equal(["API_KEY", "API_SECRET", "SYMBOL"], loaded.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Paper_exchange_needs_no_keys_and_can_use_demo_prices()
    {
        var loaded = EnvConfigSource.Load(Env(("EXCHANGE", "paper"), ("MARKET_DATA", "demo"), ("SYMBOL", "SOLUSDT:Long:True"), ("PAPER_BALANCE", "2500.5")));

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Null(loaded.Value!.Credentials);
        Assert.Equal(MarketDataSource.Demo, loaded.Value.MarketData);
        Assert.Equal(2500.5m, loaded.Value.PaperBalance);
    }

    [Fact]
    public void Strategy_config_is_validated_with_the_key_named()
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), ("STRATEGY_CONFIG", """{"target_margin": 5}""")]));

        Assert.Equal("STRATEGY_CONFIG.target_margin", Assert.Single(loaded.Errors).Field);
    }

    [Fact]
    public void Secrets_never_appear_in_the_configuration_text()
    {
        var bot = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), ("TELEGRAM_BOT_TOKEN", "123:SECRETTOKEN"), ("TELEGRAM_CHAT_ID", "5")])).Value!;

        var text = $"{bot} {bot.Credentials} {bot.Telegram}";
        Assert.DoesNotContain("c2VjcmV0", text);
        Assert.DoesNotContain("SECRETTOKEN", text);
        Assert.DoesNotContain("0f1e2d3c-4b5a", text);
    }

    // The Python bot: TESTNET and BOT_STARTUP are true for true/1/t, USE_POSTONLY also for yes; anything else is false.
    [Theory]
    [InlineData("TESTNET", "True", true)]
    [InlineData("TESTNET", "1", true)]
    [InlineData("TESTNET", "T", true)]
    [InlineData("TESTNET", "False", false)]
    [InlineData("TESTNET", "no", false)]
    [InlineData("TESTNET", "0", false)]
    [InlineData("BOT_STARTUP", "t", true)]
    [InlineData("BOT_STARTUP", "off", false)]
    [InlineData("USE_POSTONLY", "Yes", true)]
    [InlineData("USE_POSTONLY", "t", true)]
    [InlineData("USE_POSTONLY", "n", false)]
    public void Flags_read_as_the_python_bot_read_them(string name, string value, bool expected)
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), (name, value)]));

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var bot = loaded.Value!;
        Assert.Equal(expected, name switch
        {
            "TESTNET" => bot.Testnet,
            "BOT_STARTUP" => bot.NotifyStartup,
            _ => bot.Pairs[0].Settings.Strategy.PostOnly,
        });
    }

    // The Python bot read these as false, DipTrader used to read them as true: refused, not flipped silently.
    [Theory]
    [InlineData("TESTNET", "yes", "true, 1 or t (any case) for true")]
    [InlineData("TESTNET", "Y", "true, 1 or t (any case) for true")]
    [InlineData("TESTNET", "on", "true, 1 or t (any case) for true")]
    [InlineData("BOT_STARTUP", "yes", "true, 1 or t (any case) for true")]
    [InlineData("USE_POSTONLY", "on", "true, 1, t or yes (any case) for true")]
    [InlineData("USE_POSTONLY", "y", "true, 1, t or yes (any case) for true")]
    public void A_flag_word_the_python_bot_read_as_false_but_reads_as_true_is_refused(string name, string value, string accepted)
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), (name, value)]));

        var error = Assert.Single(loaded.Errors);
        Assert.Equal(name, error.Field);
        Assert.Contains(accepted, error.Message);
        Assert.Contains("false, 0, f, no, n or off for false", error.Message);
    }

    [Theory]
    [InlineData("TESTNET", "yes\nAPI_SECRET=c2VjcmV0")]
    [InlineData("TESTNET", "c2VjcmV0")]
    [InlineData("LEVERAGE", "x0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")]
    [InlineData("EXCHANGE", "phemex\rAPI_KEY=0f1e2d3c")]
    [InlineData("PAPER_BALANCE", "1234567890123456789012345678901234567890x")]
    [InlineData("SYMBOL", "BTCUSDT:Long:c2VjcmV0")]
    [InlineData("SYMBOL", "BTCUSDT:Long:True\rAPI_SECRET=c2VjcmV0")]
    [InlineData("STRATEGY_CONFIG", "{\"target_margin\": \"c2VjcmV0\"}")]
    public void An_error_never_repeats_a_value_that_may_carry_a_secret(string name, string value)
    {
        var variables = Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True")]);
        variables[name] = value;

        var loaded = EnvConfigSource.Load(variables);

        var error = Assert.Single(loaded.Errors);
        Assert.StartsWith(name, error.Field);
        Assert.DoesNotContain("c2VjcmV0", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0f1e2d3c", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("12345678901234567890", error.ToString());
    }

    [Fact]
    public void A_short_plain_value_is_still_repeated_in_its_error()
    {
        var error = Assert.Single(EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), ("TESTNET", "yes")])).Errors);

        Assert.Contains("(got \"yes\")", error.Message);
    }

    [Theory]
    [InlineData("12345678901234567:AAE_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("bot123456:AAE_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("123456789:AAE abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("123456789AAE_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("123456789:")]
    public void A_telegram_token_of_a_shape_telegram_refuses_is_named_and_not_repeated(string token)
    {
        var loaded = EnvConfigSource.Load(Env([.. Keys, ("SYMBOL", "BTCUSDT:Long:True"), ("TELEGRAM_BOT_TOKEN", token), ("TELEGRAM_CHAT_ID", "-1001234")]));

        var error = Assert.Single(loaded.Errors);
        Assert.Equal("TELEGRAM_BOT_TOKEN", error.Field);
        Assert.Contains("1 to 16 digits", error.Message);
        Assert.DoesNotContain("abcdefghijklmnop", error.Message);
    }
}
