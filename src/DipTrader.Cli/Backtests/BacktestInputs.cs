using System.Globalization;
using DipTrader.Bots.Backtesting;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Cli.Backtests;

/// <summary>The backtest command's flags, as given, before they are checked.</summary>
internal sealed record BacktestFlags
{
    public IReadOnlyList<string> Csv { get; init; } = [];
    public int? DemoSeed { get; init; }
    public IReadOnlyList<string> Symbols { get; init; } = [];
    public IReadOnlyList<string> Sides { get; init; } = [];
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Balance { get; init; }
    public string? ConfigFile { get; init; }
    public int? Leverage { get; init; }
    public int? EmaInterval { get; init; }
    public string? Every { get; init; }
    public string? MakerFee { get; init; }
    public string? TakerFee { get; init; }
    public string? FundingRate { get; init; }
    public string? MaintenanceRate { get; init; }
}

/// <summary>
/// Turns the flags into a <see cref="BacktestRequest"/>: reads the candle files or generates demo candles,
/// parses every value, and collects every problem, each naming its flag (a malformed CSV row names its line).
/// </summary>
internal static class BacktestInputs
{
    /// <summary>Demo backtests start their indicators on this much generated history before --from.</summary>
    public static readonly TimeSpan DemoHistory = TimeSpan.FromDays(5);

    public static readonly TimeSpan DefaultDemoPeriod = TimeSpan.FromDays(30);

    public static async Task<(BacktestRequest? Request, IReadOnlyList<string> Errors)> BuildAsync(BacktestFlags flags, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var pairs = Pairs(flags, errors);
        var strategy = await StrategyAsync(flags.ConfigFile, errors, cancellationToken);
        var from = Time(flags.From, "--from", errors);
        var to = Time(flags.To, "--to", errors);
        var balance = Amount(flags.Balance, "--balance", 10_000m, errors);
        var cadence = TimeSpan.FromMinutes(5);
        if (flags.Every is { } every && !Commands.DurationParser.TryParse("--every", every, out cadence, out var everyError))
        {
            errors.Add(everyError);
        }
        var maker = Amount(flags.MakerFee, "--maker-fee", 0.0001m, errors, allowZero: true, allowNegative: true);
        var taker = Amount(flags.TakerFee, "--taker-fee", 0.0006m, errors, allowZero: true);
        var funding = Amount(flags.FundingRate, "--funding-rate", 0.0001m, errors, allowZero: true, allowNegative: true);
        var maintenance = Amount(flags.MaintenanceRate, "--maintenance-rate", 0.005m, errors);
        if (flags.Leverage is { } leverage && leverage is < PairSettings.MinLeverage or > PairSettings.MaxLeverage)
        {
            errors.Add($"--leverage: must be a whole number from {PairSettings.MinLeverage} to {PairSettings.MaxLeverage} (got {leverage}).");
        }
        if (flags.EmaInterval is { } interval && !CandleInterval.IsEmaInterval(interval))
        {
            errors.Add($"--ema-interval: must be one of {CandleInterval.EmaIntervalList} minutes (got {interval}).");
        }
        if (errors.Count > 0 || strategy is null)
        {
            return (null, errors);
        }
        if (flags.DemoSeed is not null && flags.Csv.Count == 0)
        {
            var end = to ?? new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
            from ??= end - DefaultDemoPeriod;
            to = end;
            if (to - from > TimeSpan.FromDays(BacktestRequest.MaxDemoDays))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"--from: a demo backtest covers at most {BacktestRequest.MaxDemoDays} days, as in the web app; this one has {(to - from)!.Value.TotalDays:0.#}."));
                return (null, errors);
            }
        }
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add($"--to: must be after --from ({f:u}).");
            return (null, errors);
        }
        var candles = await CandlesAsync(flags, pairs, from, to, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var settings = pairs.Select(p => new PairSettings(
            p.Symbol,
            p.Side,
            flags.Leverage ?? PairSettings.DefaultLeverage,
            flags.EmaInterval ?? PairSettings.DefaultEmaInterval,
            true,
            strategy)).ToList();
        var request = new BacktestRequest
        {
            Pairs = settings,
            Candles = candles!,
            From = from,
            To = to,
            Cadence = cadence,
            StartingBalance = balance,
            MakerFeeRate = maker,
            TakerFeeRate = taker,
            FundingRate = funding,
            MaintenanceMarginRate = maintenance,
            Instruments = flags.DemoSeed is not null && flags.Csv.Count == 0
                ? [.. pairs.Select(p => p.Symbol).Distinct(StringComparer.Ordinal).Select(s => DemoSymbolProfile.For(s).Instrument)]
                : null,
        };
        errors.AddRange(request.Validate().Select(e => e.ToString()));
        if (errors.Count == 0)
        {
            try
            {
                Backtester.Period(request);
            }
            catch (ArgumentException e)
            {
                errors.Add(e.Message);
            }
        }
        return errors.Count > 0 ? (null, errors) : (request, errors);
    }

    private static List<(string Symbol, PositionSide Side)> Pairs(BacktestFlags flags, List<string> errors)
    {
        var pairs = new List<(string, PositionSide)>();
        if (flags.Symbols.Count == 0)
        {
            errors.Add("--symbol: give the symbol to backtest, such as --symbol BTCUSDT (repeat it for several pairs).");
            return pairs;
        }
        if (flags.Sides.Count is not (0 or 1) && flags.Sides.Count != flags.Symbols.Count)
        {
            errors.Add($"--side: give one side for every pair or one per --symbol ({flags.Symbols.Count}); got {flags.Sides.Count}.");
            return pairs;
        }
        for (var i = 0; i < flags.Symbols.Count; i++)
        {
            var symbol = PairSettings.NormalizeSymbol(flags.Symbols[i])!;
            if (!PairSettings.IsValidSymbol(symbol))
            {
                errors.Add($"--symbol: must be {PairSettings.SymbolRule} (got \"{flags.Symbols[i]}\").");
                continue;
            }
            var sideText = flags.Sides.Count == 0 ? "Long" : flags.Sides[flags.Sides.Count == 1 ? 0 : i];
            if (!Enum.TryParse<PositionSide>(sideText, ignoreCase: true, out var side) || !Enum.IsDefined(side) || int.TryParse(sideText, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"--side: must be Long or Short (got \"{sideText}\").");
                continue;
            }
            if (pairs.Contains((symbol, side)))
            {
                errors.Add($"--symbol: {symbol} {side} is given twice.");
                continue;
            }
            pairs.Add((symbol, side));
        }
        return pairs;
    }

    private static async Task<MartingaleSettings?> StrategyAsync(string? path, List<string> errors, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return MartingaleSettings.Default;
        }
        if (!File.Exists(path))
        {
            errors.Add($"--config: no file at '{path}'.");
            return null;
        }
        var parsed = MartingaleSettingsJson.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        if (!parsed.IsValid)
        {
            errors.AddRange(parsed.Errors.Select(e => $"--config: {e}"));
            return null;
        }
        return parsed.Value;
    }

    private static async Task<Dictionary<string, CandleSeries>?> CandlesAsync(
        BacktestFlags flags, List<(string Symbol, PositionSide Side)> pairs, DateTimeOffset? from, DateTimeOffset? to, List<string> errors, CancellationToken cancellationToken)
    {
        var symbols = pairs.Select(p => p.Symbol).Distinct(StringComparer.Ordinal).ToList();
        var candles = new Dictionary<string, CandleSeries>(StringComparer.Ordinal);
        if (flags.Csv.Count > 0 && flags.DemoSeed is not null)
        {
            errors.Add("--demo: not with --csv; use one source of candles.");
            return null;
        }
        if (flags.Csv.Count == 0)
        {
            if (flags.DemoSeed is not { } seed)
            {
                errors.Add("--csv: give a CSV of 1-minute candles (unix seconds,open,high,low,close,volume) per symbol, or --demo SEED for generated candles.");
                return null;
            }
            foreach (var symbol in symbols)
            {
                candles[symbol] = DemoCandles.Generate(symbol, seed, from!.Value - DemoHistory, to!.Value).Minutes;
            }
            return candles;
        }
        if (flags.Csv.Count != symbols.Count)
        {
            errors.Add($"--csv: give one file per symbol, in --symbol order ({symbols.Count} symbols, {flags.Csv.Count} files).");
            return null;
        }
        for (var i = 0; i < symbols.Count; i++)
        {
            var path = flags.Csv[i];
            if (!File.Exists(path))
            {
                errors.Add($"--csv: no file at '{path}'.");
                continue;
            }
            try
            {
                var series = await Task.Run(() => CandleCsv.Load(path), cancellationToken);
                if (series.Count == 0)
                {
                    errors.Add($"--csv: {path} has no candles.");
                    continue;
                }
                candles[symbols[i]] = series;
            }
            catch (CandleCsvException e)
            {
                errors.Add($"--csv: {e.Message}.");
            }
        }
        return candles;
    }

    private static DateTimeOffset? Time(string? text, string flag, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }
        errors.Add($"{flag}: must be a UTC date or time such as 2025-01-31 or 2025-01-31T12:00Z (got \"{text}\").");
        return null;
    }

    private static decimal Amount(string? text, string flag, decimal fallback, List<string> errors, bool allowZero = false, bool allowNegative = false)
    {
        if (text is null)
        {
            return fallback;
        }
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0 && !allowNegative || value == 0 && !allowZero)
        {
            var allowed = allowNegative ? "a number" : allowZero ? "a number of 0 or more" : "a number greater than 0";
            errors.Add($"{flag}: must be {allowed}, with a dot for decimals (got \"{text}\").");
            return fallback;
        }
        return value;
    }
}
