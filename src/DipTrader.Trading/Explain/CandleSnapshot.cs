using System.Globalization;
using System.Text.Json;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Explain;

/// <summary>
/// Reads <c>market.candles</c> — rows <c>[unix seconds, open, high, low, close, volume]</c> keyed by interval
/// in minutes, oldest first, closed candles only — and computes the indicators from them.
/// </summary>
internal static class CandleSnapshot
{
    public static IndicatorSnapshot? Compute(JsonElement candles, string path, PairSettings pair, List<ValidationError> errors)
    {
        if (candles.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(path, $"must be an object of candle lists keyed by interval in minutes (got {JsonFields.Kind(candles)})"));
            return null;
        }
        var before = errors.Count;
        var series = new Dictionary<int, CandleSeries>();
        foreach (var property in candles.EnumerateObject())
        {
            var keyPath = $"{path}.{property.Name}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || !CandleInterval.IsExchangeInterval(interval))
            {
                errors.Add(new ValidationError(keyPath, $"is not a candle interval; keys are minutes: {string.Join(", ", CandleInterval.ExchangeIntervals)}"));
                continue;
            }
            var parsed = ReadSeries(property.Value, interval, keyPath, errors);
            if (parsed is not null)
            {
                series[interval] = parsed;
            }
        }
        var ema = Require(series, pair.EmaInterval, path, $"{pair.EmaInterval}-minute candles for EMA50 and EMA200 (the pair's emaInterval)", errors);
        var hour = Require(series, CandleInterval.OneHour, path, "one-hour candles for the 1h EMA100", errors);
        var volatility = series.GetValueOrDefault(IndicatorCalculator.VolatilityInterval);
        if (volatility is null && !candles.TryGetProperty("5", out _))
        {
            errors.Add(new ValidationError($"{path}.5", "is missing: 5-minute candles for the volatility window (give [] if there are none)"));
        }
        if (errors.Count > before || ema is null || hour is null || volatility is null)
        {
            return null;
        }
        return IndicatorCalculator.Compute(ema, hour, volatility, (double)pair.Strategy.AtrFactor);
    }

    private static CandleSeries? Require(Dictionary<int, CandleSeries> series, int interval, string path, string what, List<ValidationError> errors)
    {
        if (!series.TryGetValue(interval, out var found))
        {
            errors.Add(new ValidationError($"{path}.{interval}", $"is missing: {what}"));
            return null;
        }
        if (found.Count == 0)
        {
            errors.Add(new ValidationError($"{path}.{interval}", $"is empty: {what} need at least one closed candle"));
            return null;
        }
        return found;
    }

    private static CandleSeries? ReadSeries(JsonElement rows, int interval, string path, List<ValidationError> errors)
    {
        if (rows.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError(path, $"must be an array of [unix seconds, open, high, low, close, volume] rows (got {JsonFields.Kind(rows)})"));
            return null;
        }
        var candles = new List<Candle>(rows.GetArrayLength());
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var candle = ReadRow(row, $"{path}[{index}]", errors);
            if (candle is { } c)
            {
                if (candles.Count > 0 && c.OpenTime <= candles[^1].OpenTime)
                {
                    errors.Add(new ValidationError($"{path}[{index}]", "is not after the row before it: rows must be oldest first, one per candle"));
                    return null;
                }
                candles.Add(c);
            }
            index++;
        }
        return CandleSeries.From(interval, candles);
    }

    private static Candle? ReadRow(JsonElement row, string path, List<ValidationError> errors)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != 6)
        {
            errors.Add(new ValidationError(path, "must be [unix seconds, open, high, low, close, volume]"));
            return null;
        }
        if (!row[0].TryGetInt64(out var time) || time < 0)
        {
            errors.Add(new ValidationError($"{path}[0]", $"must be a time in whole Unix seconds (got {JsonFields.Kind(row[0])})"));
            return null;
        }
        Span<decimal> values = stackalloc decimal[5];
        string[] names = ["open", "high", "low", "close", "volume"];
        for (var i = 0; i < 5; i++)
        {
            var cell = row[i + 1];
            if (cell.ValueKind != JsonValueKind.Number || !cell.TryGetDecimal(out values[i]) || values[i] < 0)
            {
                errors.Add(new ValidationError($"{path}[{i + 1}]", $"{names[i]} must be a number at least 0 (got {JsonFields.Kind(cell)})"));
                return null;
            }
        }
        if (values[2] > values[1])
        {
            errors.Add(new ValidationError(path, "low is above high"));
            return null;
        }
        return new Candle(time, values[0], values[1], values[2], values[3], values[4]);
    }
}
