using System.Globalization;
using DipTrader.Trading;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Configuration;

/// <summary>
/// Standalone configuration: the predecessor's variables (<c>API_KEY</c>, <c>API_SECRET</c>, <c>SYMBOL</c>,
/// <c>EMA_INTERVAL</c>, <c>TESTNET</c>, <c>TELEGRAM_BOT_TOKEN</c>, <c>TELEGRAM_CHAT_ID</c>, <c>BOT_STARTUP</c>,
/// <c>USE_POSTONLY</c>) plus DipTrader's (<c>EXCHANGE</c>, <c>MARKET_DATA</c>, <c>PHEMEX_BASE_URL</c>,
/// <c>PAPER_BALANCE</c>, <c>LEVERAGE</c>, <c>STRATEGY_CONFIG</c>). Where the predecessor silently dropped or
/// misread a value, this names the variable and the expected form.
/// </summary>
public static class EnvConfigSource
{
    /// <summary>main.py's true words for TESTNET and BOT_STARTUP (predecessor-strategy.md §1.1); USE_POSTONLY also took "yes".</summary>
    private static readonly string[] PythonTrue = ["true", "1", "t"];

    private static readonly string[] PythonPostOnlyTrue = ["true", "1", "t", "yes"];

    public static Validated<BotConfiguration> Load(IReadOnlyDictionary<string, string> variables)
    {
        var env = new EnvReader(variables);
        var errors = env.Errors;
        if (env.Text("BOT_ID") is not null && env.Text("SYMBOL") is not null)
        {
            errors.Add(new ValidationError("BOT_ID", "and SYMBOL are both set: BOT_ID loads the bot and its pairs from the database, SYMBOL configures a standalone bot; set only one"));
        }
        var exchange = env.Choice("EXCHANGE", ["phemex", "paper"], "phemex");
        var marketData = env.Choice("MARKET_DATA", ["phemex", "demo"], "phemex");
        if (exchange == "phemex" && marketData == "demo")
        {
            errors.Add(new ValidationError("MARKET_DATA", "demo prices work only with EXCHANGE=paper (a real Phemex account trades real prices)"));
        }
        ExchangeCredentials? credentials = null;
        var key = env.Text("API_KEY");
        var secret = env.Text("API_SECRET");
        if (exchange == "phemex")
        {
            if (key is null)
            {
                errors.Add(new ValidationError("API_KEY", "is missing: the Phemex API key id is required with EXCHANGE=phemex"));
            }
            if (secret is null)
            {
                errors.Add(new ValidationError("API_SECRET", "is missing: the Phemex API secret is required with EXCHANGE=phemex"));
            }
        }
        if (key is not null && secret is not null)
        {
            credentials = new ExchangeCredentials(key, secret);
        }
        var leverage = env.Integer("LEVERAGE", PairSettings.DefaultLeverage, PairSettings.MinLeverage, PairSettings.MaxLeverage);
        var interval = env.Integer("EMA_INTERVAL", PairSettings.DefaultEmaInterval, 1, int.MaxValue);
        if (!CandleInterval.IsEmaInterval(interval))
        {
            errors.Add(new ValidationError("EMA_INTERVAL", $"must be one of {CandleInterval.EmaIntervalList} minutes (got {interval})"));
        }
        var postOnly = env.Flag("USE_POSTONLY", true, PythonPostOnlyTrue);
        var strategy = StrategySettings(env, postOnly);
        var pairs = SymbolList.Parse(env.Text("SYMBOL"), leverage, interval, strategy, errors, env.MayShow);
        var telegram = Telegram(env);
        var baseUrl = env.Url("PHEMEX_BASE_URL");
        var paperBalance = env.Decimal("PAPER_BALANCE", 10_000m);
        var configuration = new BotConfiguration
        {
            Name = "standalone",
            Exchange = exchange,
            MarketData = marketData == "demo" ? MarketDataSource.Demo : MarketDataSource.Phemex,
            Credentials = credentials,
            Testnet = env.Flag("TESTNET", false, PythonTrue),
            PhemexBaseUrl = baseUrl,
            Pairs = pairs,
            Telegram = telegram,
            NotifyStartup = env.Flag("BOT_STARTUP", false, PythonTrue),
            PaperBalance = paperBalance,
        };
        return errors.Count == 0 ? Validated<BotConfiguration>.Ok(configuration) : Validated<BotConfiguration>.Fail(errors);
    }

    private static MartingaleSettings StrategySettings(EnvReader env, bool postOnly)
    {
        var json = env.Text("STRATEGY_CONFIG");
        var parsed = MartingaleSettingsJson.Parse(json);
        if (!parsed.IsValid)
        {
            env.Errors.AddRange(parsed.Errors.Select(e => new ValidationError($"STRATEGY_CONFIG.{e.Field}",
                env.HoldsSecret(e.Message) ? $"is not valid (the value given is not shown: {ValueEcho.WhyHidden})" : e.Message)));
            return MartingaleSettings.Default with { PostOnly = postOnly };
        }
        // USE_POSTONLY applies unless STRATEGY_CONFIG says post_only itself.
        return json is not null && json.Contains("\"post_only\"", StringComparison.Ordinal) ? parsed.Value! : parsed.Value! with { PostOnly = postOnly };
    }

    private static TelegramTarget? Telegram(EnvReader env)
    {
        var token = env.Text("TELEGRAM_BOT_TOKEN");
        var chat = env.Text("TELEGRAM_CHAT_ID");
        if (token is null && chat is null)
        {
            return null;
        }
        if (token is null)
        {
            env.Errors.Add(new ValidationError("TELEGRAM_BOT_TOKEN", "is missing while TELEGRAM_CHAT_ID is set; set both to get Telegram messages, or neither"));
            return null;
        }
        if (chat is null)
        {
            env.Errors.Add(new ValidationError("TELEGRAM_CHAT_ID", "is missing while TELEGRAM_BOT_TOKEN is set; set both to get Telegram messages, or neither"));
            return null;
        }
        if (!TelegramBotToken.IsWellFormed(token))
        {
            // Telegram.Bot refuses any other shape with an exception; the token itself is never repeated.
            env.Errors.Add(new ValidationError("TELEGRAM_BOT_TOKEN", $"must look like 123456789:AAE… ({TelegramBotToken.Shape}), as @BotFather gives it"));
            return null;
        }
        if (!long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) && !chat.StartsWith('@'))
        {
            env.Errors.Add(new ValidationError("TELEGRAM_CHAT_ID", "must be a numeric chat id (negative for groups) or @channelname"));
            return null;
        }
        return new TelegramTarget(token, chat);
    }
}
