namespace DipTrader.Trading.Market;

/// <summary>One closed candle. <paramref name="OpenTime"/> is Unix seconds at the candle's start.</summary>
public readonly record struct Candle(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    public DateTimeOffset OpenedAt => DateTimeOffset.FromUnixTimeSeconds(OpenTime);
}
