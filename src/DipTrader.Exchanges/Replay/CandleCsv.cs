using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// Reads 1-minute candles from CSV rows <c>unix seconds,open,high,low,close,volume</c>. A header line is
/// allowed as the first line; blank lines are skipped; gaps in time are fine, but a row that does not come
/// after the previous one in time (a duplicate or time going backwards) is an error.
/// </summary>
public static class CandleCsv
{
    private const string Layout = "unix seconds,open,high,low,close,volume";

    // Unix seconds stay below this until the year 5138; a larger value is almost surely milliseconds.
    private const long LargestPlausibleSeconds = 100_000_000_000L;

    public static CandleSeries Load(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static CandleSeries Read(TextReader reader, string? fileName = null)
    {
        var candles = new List<Candle>();
        var lineNumber = 0;
        var sawContent = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!sawContent)
            {
                sawContent = true;
                if (IsHeader(line))
                {
                    continue;
                }
            }
            var candle = ParseRow(line, fileName, lineNumber);
            if (candles.Count > 0)
            {
                var previous = candles[^1].OpenTime;
                if (candle.OpenTime == previous)
                {
                    throw new CandleCsvException(fileName, lineNumber, $"time {candle.OpenTime} repeats the previous row (duplicate candle)");
                }
                if (candle.OpenTime < previous)
                {
                    throw new CandleCsvException(fileName, lineNumber, $"time {candle.OpenTime} goes backwards (previous row has {previous}); rows must be in ascending time order");
                }
            }
            candles.Add(candle);
        }
        return CandleSeries.From(CandleInterval.OneMinute, candles);
    }

    private static bool IsHeader(string line)
    {
        var first = line.AsSpan().TrimStart();
        return first.Length > 0 && !char.IsAsciiDigit(first[0]) && first[0] is not ('-' or '+');
    }

    private static Candle ParseRow(string line, string? fileName, int lineNumber)
    {
        Span<Range> fields = stackalloc Range[7];
        var text = line.AsSpan();
        var count = text.Split(fields, ',');
        if (count != 6)
        {
            var found = count == 7 ? "more than 6" : count.ToString(CultureInfo.InvariantCulture);
            throw new CandleCsvException(fileName, lineNumber, $"expected 6 fields ({Layout}), found {found}");
        }

        var timeText = text[fields[0]].Trim();
        if (!long.TryParse(timeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var time) || time < 0)
        {
            throw new CandleCsvException(fileName, lineNumber, $"time '{timeText}' is not a whole number of unix seconds");
        }
        if (time >= LargestPlausibleSeconds)
        {
            throw new CandleCsvException(fileName, lineNumber, $"time {time} looks like milliseconds; the first column is unix seconds");
        }
        if (time % 60 != 0)
        {
            throw new CandleCsvException(fileName, lineNumber, $"time {time} is not on a minute boundary; rows are 1-minute candles");
        }

        var open = Price(text[fields[1]], "open", fileName, lineNumber);
        var high = Price(text[fields[2]], "high", fileName, lineNumber);
        var low = Price(text[fields[3]], "low", fileName, lineNumber);
        var close = Price(text[fields[4]], "close", fileName, lineNumber);
        var volume = Number(text[fields[5]], "volume", fileName, lineNumber);
        if (volume < 0)
        {
            throw new CandleCsvException(fileName, lineNumber, $"volume {volume.ToString(CultureInfo.InvariantCulture)} is negative");
        }
        if (high < Math.Max(open, close) || low > Math.Min(open, close))
        {
            throw new CandleCsvException(fileName, lineNumber,
                string.Create(CultureInfo.InvariantCulture, $"high {high} and low {low} do not contain open {open} and close {close}"));
        }
        return new Candle(time, open, high, low, close, volume);
    }

    private static decimal Price(ReadOnlySpan<char> field, string name, string? fileName, int lineNumber)
    {
        var value = Number(field, name, fileName, lineNumber);
        if (value <= 0)
        {
            throw new CandleCsvException(fileName, lineNumber, $"{name} price {value.ToString(CultureInfo.InvariantCulture)} is not positive");
        }
        return value;
    }

    private static decimal Number(ReadOnlySpan<char> field, string name, string? fileName, int lineNumber)
    {
        var trimmed = field.Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new CandleCsvException(fileName, lineNumber, $"{name} '{trimmed}' is not a number");
        }
        return value;
    }
}
