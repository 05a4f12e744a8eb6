using System.Collections.Frozen;

namespace DipTrader.Trading.Market;

/// <summary>Candle intervals, in minutes, and what pairs may use for their EMAs.</summary>
public static class CandleInterval
{
    public const int OneMinute = 1;
    public const int FiveMinutes = 5;
    public const int OneHour = 60;

    /// <summary>The EMA intervals a trading pair may choose (STRATEGY.md, settings).</summary>
    public static IReadOnlyList<int> EmaIntervals { get; } = [1, 5, 15, 30, 60, 240, 1440];

    private static readonly FrozenSet<int> EmaIntervalSet = EmaIntervals.ToFrozenSet();

    /// <summary>Every resolution Phemex serves for klines, in minutes.</summary>
    public static IReadOnlyList<int> ExchangeIntervals { get; } = [1, 5, 15, 30, 60, 240, 1440, 10080, 43200, 129600, 518400];

    private static readonly FrozenSet<int> ExchangeIntervalSet = ExchangeIntervals.ToFrozenSet();

    public static bool IsEmaInterval(int minutes) => EmaIntervalSet.Contains(minutes);

    public static bool IsExchangeInterval(int minutes) => ExchangeIntervalSet.Contains(minutes);

    public static string EmaIntervalList => string.Join(", ", EmaIntervals);

    public static long Seconds(int minutes) => minutes * 60L;
}
