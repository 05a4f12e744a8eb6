using System.Globalization;
using DipTrader.Exchanges.Paper;
using DipTrader.Trading.Martingale;
using DipTrader.Web.Pages.Bots;
using DipTrader.Web.Services;
using DipTrader.Web.Services.Backtests;

namespace DipTrader.Web.Pages.Backtests;

/// <summary>
/// The backtest form as typed (bound as <c>Form.*</c>): the pair fields named as on the bot's pair form, so the
/// same validation and messages apply, plus the period, candles, balance, cadence and venue rates. Numbers stay
/// text so a typo comes back under its field; no checkbox property starts true (an unchecked box posts nothing).
/// </summary>
public sealed class BacktestFields
{
    public string? Name { get; set; }
    public string? Symbol { get; set; }
    public string? Side { get; set; }
    public string? Leverage { get; set; }
    public string? EmaInterval { get; set; }
    public bool PostOnly { get; set; }
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.Ordinal);

    public string? Source { get; set; }
    public string? Seed { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public IFormFile? Csv { get; set; }
    public string? Balance { get; set; }
    public string? Cadence { get; set; }
    public string? MakerFee { get; set; }
    public string? TakerFee { get; set; }
    public string? FundingRate { get; set; }
    public string? MaintenanceRate { get; set; }

    /// <summary>Every field the form shows its messages next to.</summary>
    public static IReadOnlyList<string> ErrorFields { get; } =
        [.. BacktestRules.FormFields, "Symbol", "Side", "Leverage", "EmaInterval", .. StrategyForm.Fields.Select(f => f.ErrorKey)];

    /// <summary>The defaults: BTCUSDT Long on demo data over the last 30 whole days, the venue's usual rates.</summary>
    public static BacktestFields ForNew(DateOnly today)
    {
        var pair = PairFields.ForNew();
        var venue = new PaperAccountOptions();
        return new BacktestFields
        {
            Symbol = "BTCUSDT",
            Side = pair.Side,
            Leverage = pair.Leverage,
            EmaInterval = pair.EmaInterval,
            PostOnly = pair.PostOnly,
            Settings = pair.Settings,
            Source = BacktestSpec.DemoSource,
            Seed = "1",
            From = Day(today.AddDays(-30)),
            To = Day(today.AddDays(-1)),
            Balance = Number(venue.InitialBalance),
            Cadence = "5",
            MakerFee = Number(venue.MakerFeeRate),
            TakerFee = Number(venue.TakerFeeRate),
            FundingRate = Number(venue.FundingRate),
            MaintenanceRate = Number(venue.MaintenanceMarginRate),
        };
    }

    /// <summary>The settings of an earlier backtest, to run it again or change one thing (an upload must be chosen again).</summary>
    public static BacktestFields Copy(BacktestSpec spec, DateOnly today)
    {
        var strategy = StrategyForm.ValuesOf(spec.Config.GetRawText());
        var fields = ForNew(today);
        fields.Symbol = spec.Symbol;
        fields.Side = spec.Side.ToString();
        fields.Leverage = spec.Leverage.ToString(CultureInfo.InvariantCulture);
        fields.EmaInterval = spec.EmaInterval.ToString(CultureInfo.InvariantCulture);
        fields.PostOnly = strategy.PostOnly;
        fields.Settings = strategy.Values;
        fields.Source = spec.Source;
        fields.Seed = spec.Seed?.ToString(CultureInfo.InvariantCulture) ?? fields.Seed;
        fields.From = spec.From is { } from ? Day(from) : (spec.IsDemo ? fields.From : null);
        fields.To = spec.To is { } to ? Day(to) : (spec.IsDemo ? fields.To : null);
        fields.Balance = Number(spec.StartingBalance);
        fields.Cadence = spec.CadenceMinutes.ToString(CultureInfo.InvariantCulture);
        fields.MakerFee = Number(spec.MakerFeeRate);
        fields.TakerFee = Number(spec.TakerFeeRate);
        fields.FundingRate = Number(spec.FundingRate);
        fields.MaintenanceRate = Number(spec.MaintenanceMarginRate);
        return fields;
    }

    public NewBacktestInput ToInput() => new(
        Name,
        new PairInput(
            PairSettings.NormalizeSymbol(Symbol),
            Side,
            FormNumbers.WholeOrInvalid(Leverage),
            FormNumbers.WholeOrInvalid(EmaInterval),
            AutomaticMode: true,
            IsActive: true,
            StrategyForm.ToJson(Settings, PostOnly)),
        Source,
        Seed,
        From,
        To,
        Balance,
        Cadence,
        MakerFee,
        TakerFee,
        FundingRate,
        MaintenanceRate,
        Csv is { } file ? new CandleUpload(file.FileName, file.Length, file.OpenReadStream) : null);

    /// <summary>Keeps what was typed, upper-casing the symbol as the service does.</summary>
    public void Normalize() => Symbol = PairSettings.NormalizeSymbol(Symbol);

    public string Setting(string key) => Settings.GetValueOrDefault(key) ?? string.Empty;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => Display.Number(value);
}
