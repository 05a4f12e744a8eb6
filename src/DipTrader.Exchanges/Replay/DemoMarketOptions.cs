namespace DipTrader.Exchanges.Replay;

/// <summary>Settings of the offline demo market (<see cref="DemoMarketData"/>).</summary>
public sealed class DemoMarketOptions
{
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Where every demo walk starts. The demo price of a symbol at any moment depends only on the seed, the
    /// anchor and the symbol, so a restarted app shows the same history. A UTC midnight keeps daily candles
    /// whole; keep it at least <see cref="History"/> before the first use.
    /// </summary>
    public DateTimeOffset Anchor { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The demo symbols; empty means BTCUSDT, ETHUSDT and SOLUSDT. (Empty rather than pre-filled, because
    /// configuration binding appends to a pre-filled list instead of replacing it.)
    /// </summary>
    public IList<string> Symbols { get; set; } = [];

    public IReadOnlyList<string> EffectiveSymbols => Symbols.Count > 0 ? [.. Symbols] : DefaultSymbols;

    private static readonly string[] DefaultSymbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    /// <summary>How much history is kept in memory behind "now" (the longest EMA needs 1000 hours ≈ 42 days).</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromDays(45);

    /// <summary>The problems with these settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Anchor.ToUnixTimeSeconds() % 60 != 0 || Anchor.Millisecond != 0 || Anchor.Microsecond != 0)
        {
            problems.Add("Anchor must be a whole minute.");
        }
        if (Symbols.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Symbols must not contain a blank symbol.");
        }
        else if (Symbols.Distinct(StringComparer.Ordinal).Count() != Symbols.Count)
        {
            problems.Add("Symbols must not repeat a symbol.");
        }
        if (History < TimeSpan.FromDays(1) || History > TimeSpan.FromDays(400))
        {
            problems.Add("History must be between 1 and 400 days.");
        }
        return problems;
    }
}
