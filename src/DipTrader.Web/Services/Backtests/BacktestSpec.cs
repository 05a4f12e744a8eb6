using System.Text.Json;
using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Backtesting.Reports;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Web.Services.Backtests;

/// <summary>
/// What a user asked to backtest, as stored in <c>backtests.request</c>: one pair and its strategy settings, the
/// period (whole UTC days, both inclusive), where the candles come from, the balance, the run cadence and the
/// paper venue's rates. Everything the worker needs to run it again after a restart.
/// </summary>
public sealed record BacktestSpec
{
    public const string DemoSource = "demo";
    public const string CsvSource = "csv";

    public required string Symbol { get; init; }
    public required PositionSide Side { get; init; }
    public required int Leverage { get; init; }
    public required int EmaInterval { get; init; }

    /// <summary>The strategy settings as <see cref="MartingaleSettingsJson"/> writes them.</summary>
    public required JsonElement Config { get; init; }

    /// <summary>The first day with runs; null (CSV only): one day after the first candle.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day with runs; null (CSV only): up to the last candle.</summary>
    public DateOnly? To { get; init; }

    /// <summary><see cref="DemoSource"/> or <see cref="CsvSource"/>.</summary>
    public required string Source { get; init; }

    public int? Seed { get; init; }

    /// <summary>The stored candle file under DATA_DIR/backtests (CSV only).</summary>
    public string? CsvFile { get; init; }

    /// <summary>The uploaded file's name and size in candles, for the page.</summary>
    public string? CsvName { get; init; }
    public int? CsvCandles { get; init; }

    public required decimal StartingBalance { get; init; }
    public required int CadenceMinutes { get; init; }
    public required decimal MakerFeeRate { get; init; }
    public required decimal TakerFeeRate { get; init; }
    public required decimal FundingRate { get; init; }
    public required decimal MaintenanceMarginRate { get; init; }

    public bool IsDemo => Source == DemoSource;

    /// <summary>The pair as the strategy reads it; automatic mode, since a backtest starts flat.</summary>
    public PairSettings Pair()
    {
        var strategy = MartingaleSettingsJson.Parse(Config.GetRawText());
        if (!strategy.IsValid)
        {
            throw new InvalidDataException($"The stored strategy settings are no longer valid: {string.Join("; ", strategy.Errors)}.");
        }
        return new PairSettings(Symbol, Side, Leverage, EmaInterval, AutomaticMode: true, strategy.Value!);
    }

    /// <summary>The first run: midnight of <see cref="From"/>.</summary>
    public DateTimeOffset? FirstRun => From is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The last run: midnight after <see cref="To"/>, so the last day's candles are all seen.</summary>
    public DateTimeOffset? LastRun => To is { } day ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The last run over these candles: midnight after <see cref="To"/>, or null (their end) when that comes first.</summary>
    public DateTimeOffset? LastRunWithin(CandleSeries candles)
    {
        var end = candles.Last.OpenedAt.AddMinutes(1);
        return LastRun is { } last && last < end ? last : null;
    }

    /// <summary>
    /// Demo history before the first run: EMA200 of the EMA interval and the hourly EMA100 need about 200 candles
    /// to settle (live reads 1,000); at least a day, at most 60 days.
    /// </summary>
    public TimeSpan DemoWarmUp => TimeSpan.FromMinutes(Math.Clamp(200 * Math.Max(EmaInterval, 60), 1440, 60 * 1440));

    public BacktestRequest Request(IReadOnlyDictionary<string, CandleSeries> candles, IReadOnlyList<Instrument>? instruments, DateTimeOffset? to) => new()
    {
        Pairs = [Pair()],
        Candles = candles,
        From = FirstRun,
        To = to,
        Cadence = TimeSpan.FromMinutes(CadenceMinutes),
        StartingBalance = StartingBalance,
        MakerFeeRate = MakerFeeRate,
        TakerFeeRate = TakerFeeRate,
        FundingRate = FundingRate,
        MaintenanceMarginRate = MaintenanceMarginRate,
        Instruments = instruments,
    };

    public string ToJson() => JsonSerializer.Serialize(this, BacktestFiles.Json);

    /// <summary>The stored request; null when it cannot be read (the page says so instead of failing).</summary>
    public static BacktestSpec? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BacktestSpec>(json, BacktestFiles.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
