using System.Text.RegularExpressions;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Martingale;

/// <summary>One trading pair: what it trades and how (a <c>trading_pairs</c> row, or a <c>SYMBOL</c> item of <c>.env</c>).</summary>
public sealed partial record PairSettings(
    string Symbol,
    PositionSide Side,
    int Leverage,
    int EmaInterval,
    bool AutomaticMode,
    MartingaleSettings Strategy)
{
    public const int DefaultLeverage = 10;
    public const int MinLeverage = 1;
    public const int MaxLeverage = 100;
    public const int DefaultEmaInterval = 1;

    public static PairSettings Create(string symbol, PositionSide side) =>
        new(symbol, side, DefaultLeverage, DefaultEmaInterval, true, MartingaleSettings.Default);

    /// <summary>Checks the pair's own fields (the strategy settings are validated when parsed).</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (!IsValidSymbol(Symbol))
        {
            errors.Add(new ValidationError("symbol", $"must be {SymbolRule} (got \"{Symbol}\")"));
        }
        if (!Enum.IsDefined(Side))
        {
            errors.Add(new ValidationError("side", "must be Long or Short"));
        }
        if (Leverage is < MinLeverage or > MaxLeverage)
        {
            errors.Add(new ValidationError("leverage", $"must be a whole number from {MinLeverage} to {MaxLeverage} (got {Leverage})"));
        }
        if (!CandleInterval.IsEmaInterval(EmaInterval))
        {
            errors.Add(new ValidationError("emaInterval", $"must be one of {CandleInterval.EmaIntervalList} minutes (got {EmaInterval})"));
        }
        return errors;
    }

    public static bool IsValidSymbol(string? symbol) => symbol is not null && SymbolPattern().IsMatch(symbol);

    /// <summary>What a symbol must look like, for messages.</summary>
    public const string SymbolRule = "3–20 upper-case letters or digits, such as BTCUSDT (Phemex's u1000PEPEUSDT-style names keep their lower-case u)";

    /// <summary>
    /// A symbol as typed, trimmed and upper-cased, except for the lower-case <c>u</c> Phemex puts before the digits of
    /// its scaled contracts (<c>u1000PEPEUSDT</c>, <c>u100000SHIBUSDT</c>): upper-casing it names no contract.
    /// </summary>
    public static string? NormalizeSymbol(string? text)
    {
        var symbol = text?.Trim().ToUpperInvariant();
        return symbol is { Length: > 1 } && symbol[0] == 'U' && char.IsAsciiDigit(symbol[1]) ? "u" + symbol[1..] : symbol;
    }

    public override string ToString() => $"{Symbol} {Side}";

    [GeneratedRegex("^u?[A-Z0-9]{3,20}$")]
    private static partial Regex SymbolPattern();
}
