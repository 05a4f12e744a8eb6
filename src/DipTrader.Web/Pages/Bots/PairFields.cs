using System.Globalization;
using DipTrader.Data.Entities;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using DipTrader.Web.Services;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// The pair form as typed (bound as <c>Form.*</c>): numbers stay text so a typo comes back as a field error with
/// what was typed. No property has a non-default initial value: an unchecked checkbox posts nothing and must read false.
/// </summary>
public sealed class PairFields
{
    public string? Symbol { get; set; }
    public string? Side { get; set; }
    public string? Leverage { get; set; }
    public string? EmaInterval { get; set; }
    public bool AutomaticMode { get; set; }
    public bool IsActive { get; set; }
    public bool PostOnly { get; set; }
    public Dictionary<string, string?> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every field PairService reports errors for that this form shows next to an input.</summary>
    public static IReadOnlyList<string> ErrorFields { get; } =
        ["Symbol", "Side", "Leverage", "EmaInterval", "AutomaticMode", "IsActive", .. StrategyForm.Fields.Select(f => f.ErrorKey)];

    public static PairFields ForNew()
    {
        var strategy = StrategyForm.ValuesOf(null);
        return new PairFields
        {
            Side = nameof(PositionSide.Long),
            Leverage = Whole(PairSettings.DefaultLeverage),
            EmaInterval = Whole(PairSettings.DefaultEmaInterval),
            AutomaticMode = true,
            IsActive = true,
            PostOnly = strategy.PostOnly,
            Settings = strategy.Values,
        };
    }

    /// <summary>The pair's current values; <paramref name="configReadable"/> is false when its stored config was not valid (defaults shown).</summary>
    public static PairFields From(TradingPair pair, out bool configReadable)
    {
        var strategy = StrategyForm.ValuesOf(pair.Config);
        configReadable = strategy.StoredConfigValid;
        return new PairFields
        {
            Symbol = pair.Symbol,
            Side = pair.Side,
            Leverage = Whole(pair.Leverage),
            EmaInterval = Whole(pair.EmaInterval),
            AutomaticMode = pair.AutomaticMode,
            IsActive = pair.IsActive,
            PostOnly = strategy.PostOnly,
            Settings = strategy.Values,
        };
    }

    public PairInput ToInput(bool isActive) => new(
        PairSettings.NormalizeSymbol(Symbol),
        Side,
        FormNumbers.WholeOrInvalid(Leverage),
        FormNumbers.WholeOrInvalid(EmaInterval),
        AutomaticMode,
        isActive,
        StrategyForm.ToJson(Settings, PostOnly));

    /// <summary>Keeps what was typed, upper-casing the symbol as the service does.</summary>
    public void Normalize() => Symbol = PairSettings.NormalizeSymbol(Symbol);

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the shared pair form partial shows.</summary>
public sealed record PairFormView(BotHeader Bot, PairFields Form, FormErrors Errors, IReadOnlyList<string> Symbols, bool IsEdit)
{
    public string SubmitLabel => IsEdit ? "Save pair" : "Add pair";

    public string Setting(string key) => Form.Settings.GetValueOrDefault(key) ?? string.Empty;
}
