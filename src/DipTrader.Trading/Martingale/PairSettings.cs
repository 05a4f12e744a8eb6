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
            errors.Add(new ValidationError("symbol", $"must be 3–20 upper-case letters or digits, such as BTCUSDT (got \"{Symbol}\")"));
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

    public override string ToString() => $"{Symbol} {Side}";

    [GeneratedRegex("^[A-Z0-9]{3,20}$")]
    private static partial Regex SymbolPattern();
}
