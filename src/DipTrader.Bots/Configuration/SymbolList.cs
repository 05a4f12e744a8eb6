using DipTrader.Trading;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Configuration;

/// <summary>
/// Parses <c>SYMBOL=BTCUSDT:Long:True,ETHUSDT:Short:False</c>. Unlike the predecessor, a malformed item is an
/// error naming the item (it silently dropped the item and every one after it).
/// </summary>
public static class SymbolList
{
    private const string Form = "SYMBOL:Side:auto, for example BTCUSDT:Long:True";

    /// <param name="mayShow">Whether an item's text may be repeated in an error (never a secret glued into SYMBOL).</param>
    public static IReadOnlyList<PairConfiguration> Parse(string? value, int leverage, int emaInterval, MartingaleSettings strategy, List<ValidationError> errors, Func<string, bool> mayShow)
    {
        var pairs = new List<PairConfiguration>();
        if (value is null)
        {
            errors.Add(new ValidationError("SYMBOL", $"is missing: list the pairs to trade as {Form} (comma separated)"));
            return pairs;
        }
        var items = value.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i].Trim();
            if (item.Length == 0)
            {
                continue;
            }
            var field = mayShow(item) ? $"SYMBOL item {i + 1} (\"{item}\")" : $"SYMBOL item {i + 1}";
            var parts = item.Split(':');
            if (parts.Length != 3)
            {
                errors.Add(new ValidationError(field, $"must have three parts separated by colons: {Form}"));
                continue;
            }
            var symbol = parts[0].Trim();
            if (!PairSettings.IsValidSymbol(symbol))
            {
                errors.Add(new ValidationError(field, $"symbol {Shown(symbol, mayShow)}must be {PairSettings.SymbolRule}"));
                continue;
            }
            if (!TryParseSide(parts[1].Trim(), out var side))
            {
                errors.Add(new ValidationError(field, $"side {Shown(parts[1].Trim(), mayShow)}must be Long or Short"));
                continue;
            }
            if (!TryParseAuto(parts[2].Trim(), out var automatic))
            {
                errors.Add(new ValidationError(field, $"automatic mode {Shown(parts[2].Trim(), mayShow)}must be True or False (also 1/0, yes/no)"));
                continue;
            }
            var settings = new PairSettings(symbol, side, leverage, emaInterval, automatic, strategy);
            if (pairs.Exists(p => p.Settings.Symbol == symbol && p.Settings.Side == side))
            {
                errors.Add(new ValidationError(field, $"{symbol} {side} is listed twice"));
                continue;
            }
            pairs.Add(new PairConfiguration(PairConfiguration.StandaloneKey(settings), settings));
        }
        if (pairs.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ValidationError("SYMBOL", $"lists no pairs: use {Form} (comma separated)"));
        }
        return pairs;
    }

    private static string Shown(string part, Func<string, bool> mayShow) => mayShow(part) ? $"\"{part}\" " : string.Empty;

    private static bool TryParseSide(string text, out PositionSide side)
    {
        if (text.Equals("long", StringComparison.OrdinalIgnoreCase))
        {
            side = PositionSide.Long;
            return true;
        }
        if (text.Equals("short", StringComparison.OrdinalIgnoreCase))
        {
            side = PositionSide.Short;
            return true;
        }
        side = default;
        return false;
    }

    private static bool TryParseAuto(string text, out bool automatic)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                automatic = true;
                return true;
            case "false" or "0" or "no":
                automatic = false;
                return true;
            default:
                automatic = false;
                return false;
        }
    }
}
