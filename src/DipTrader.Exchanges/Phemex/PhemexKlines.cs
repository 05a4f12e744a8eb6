using System.Text.Json;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// <c>GET /exchange/public/md/v2/kline/last</c> (reference A.4.4): which resolution and limit to ask for, and how
/// to read the rows <c>[ts, interval, lastClose, open, high, low, close, volume, turnover(, symbol)]</c>.
/// </summary>
internal static class PhemexKlines
{
    public const int MaxLimit = 1000;

    /// <summary>Unix seconds stay below this until the year 5138; milliseconds are above it since 1973.</summary>
    private const long MillisecondsThreshold = 100_000_000_000;

    /// <summary>
    /// Phemex documents 5 as the smallest limit, but a live probe saw limits under 10 rejected with 30000
    /// (reference G.4), so 10 is the smallest this client asks for.
    /// </summary>
    private static readonly int[] AllowedLimits = [10, 50, 100, 500, 1000];

    public static int ResolutionSeconds(int intervalMinutes)
    {
        if (!CandleInterval.IsExchangeInterval(intervalMinutes))
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes,
                $"Phemex serves candles of {string.Join(", ", CandleInterval.ExchangeIntervals)} minutes only.");
        }
        return intervalMinutes * 60;
    }

    /// <summary>The smallest allowed limit that covers <paramref name="wanted"/>.</summary>
    public static int RequestLimit(int wanted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wanted, MaxLimit);
        return AllowedLimits.First(limit => limit >= wanted);
    }

    /// <summary>
    /// The closed candles of the answer, oldest first, trimmed to the last <paramref name="wanted"/>. A row whose
    /// period has not ended at <paramref name="nowUnixSeconds"/> is still forming and is dropped.
    /// </summary>
    public static CandleSeries Read(JsonElement data, int intervalMinutes, int wanted, long nowUnixSeconds)
    {
        var intervalSeconds = CandleInterval.Seconds(intervalMinutes);
        var byTime = new SortedDictionary<long, Candle>();
        foreach (var row in PhemexJson.Rows(data))
        {
            var candle = Row(row);
            if (candle.OpenTime + intervalSeconds <= nowUnixSeconds)
            {
                byTime[candle.OpenTime] = candle; // Sorted and de-duplicated: rows may arrive newest first.
            }
        }
        return CandleSeries.From(intervalMinutes, [.. byTime.Values]).TakeLast(wanted);
    }

    private static Candle Row(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 9)
        {
            throw new FormatException($"a kline row has {(row.ValueKind == JsonValueKind.Array ? row.GetArrayLength() : 0)} fields; 9 or 10 expected.");
        }
        var openTime = PhemexJson.ToInt64(row[0], "kline timestamp");
        if (openTime > MillisecondsThreshold)
        {
            openTime /= 1000; // Seconds per Phemex; tolerate milliseconds rather than misdate every candle.
        }
        return new Candle(
            OpenTime: openTime,
            Open: PhemexJson.ToDecimal(row[3], "kline open"),
            High: PhemexJson.ToDecimal(row[4], "kline high"),
            Low: PhemexJson.ToDecimal(row[5], "kline low"),
            Close: PhemexJson.ToDecimal(row[6], "kline close"),
            Volume: PhemexJson.ToDecimal(row[7], "kline volume"));
    }
}
