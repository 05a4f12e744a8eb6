namespace DipTrader.Exchanges.Caching;

/// <summary>How long <see cref="CachedMarketData"/> keeps what it fetched. Candles keep until their interval's next close.</summary>
public sealed class MarketDataCacheOptions
{
    public TimeSpan QuoteTtl { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan InstrumentTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When a venue answers just after a candle closed without that candle yet (live venues publish it a
    /// moment late), the answer is kept only this long, instead of for a whole period.
    /// </summary>
    public TimeSpan LaggingCandleRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The problems with these settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (QuoteTtl < TimeSpan.Zero || QuoteTtl > TimeSpan.FromMinutes(1))
        {
            problems.Add("QuoteTtl must be between 0 and 1 minute.");
        }
        if (InstrumentTtl < TimeSpan.Zero || InstrumentTtl > TimeSpan.FromDays(1))
        {
            problems.Add("InstrumentTtl must be between 0 and 1 day.");
        }
        if (LaggingCandleRetry < TimeSpan.Zero || LaggingCandleRetry > TimeSpan.FromMinutes(1))
        {
            problems.Add("LaggingCandleRetry must be between 0 and 1 minute.");
        }
        return problems;
    }
}
