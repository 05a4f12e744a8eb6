using DipTrader.Trading.Market;

namespace DipTrader.Testing.FakePhemex;

/// <summary>A contract of the fake's <c>perpProductsV2</c> list.</summary>
public sealed record FakeProduct(string Symbol, decimal QtyStep, decimal TickSize, decimal MaxOrderQty, decimal MinOrderValue = 1m, string Status = "Listed");

/// <summary>
/// Products, quotes and candles of the fake. Not thread-safe by itself: <see cref="FakePhemexServer"/> guards
/// it with its lock.
/// </summary>
internal sealed class FakeMarket
{
    private readonly Dictionary<string, FakeProduct> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Bid, decimal Ask)> _quotes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Symbol, int Minutes), Candle[]> _candles = [];

    public FakeMarket()
    {
        SetProduct(new FakeProduct("BTCUSDT", 0.001m, 0.1m, 1000m));
        SetProduct(new FakeProduct("ETHUSDT", 0.01m, 0.01m, 10_000m));
        SetProduct(new FakeProduct("SOLUSDT", 0.1m, 0.001m, 100_000m));
        SetProduct(new FakeProduct("LUNAUSDT", 1m, 0.0001m, 1_000_000m, Status: "Delisted"));
        _quotes["BTCUSDT"] = (60_000m, 60_000.1m);
        _quotes["ETHUSDT"] = (3_000m, 3_000.01m);
        _quotes["SOLUSDT"] = (150m, 150.001m);
    }

    public IEnumerable<FakeProduct> Products => _products.Values;

    public void SetProduct(FakeProduct product) => _products[product.Symbol] = product;

    public FakeProduct? Listed(string symbol) =>
        _products.TryGetValue(symbol, out var product) && product.Status == "Listed" ? product : null;

    public void SetQuote(string symbol, decimal bid, decimal ask) => _quotes[symbol] = (bid, ask);

    public (decimal Bid, decimal Ask)? Quote(string symbol) => _quotes.TryGetValue(symbol, out var quote) ? quote : null;

    public decimal Mark(string symbol) => Quote(symbol) is { } q ? (q.Bid + q.Ask) / 2 : 0m;

    public void SetCandles(string symbol, int intervalMinutes, IEnumerable<Candle> candles) =>
        _candles[(symbol, intervalMinutes)] = [.. candles.OrderBy(c => c.OpenTime)];

    /// <summary>
    /// The last <paramref name="limit"/> candles: the ones a test set, else closed candles made up around the
    /// current mid price (a gentle deterministic wave), ending with the last period that has closed.
    /// </summary>
    public IReadOnlyList<Candle> Candles(string symbol, int intervalMinutes, int limit, DateTimeOffset now)
    {
        if (_candles.TryGetValue((symbol, intervalMinutes), out var set))
        {
            return set.Length <= limit ? set : set[^limit..];
        }
        var seconds = intervalMinutes * 60L;
        var lastClosedOpen = (now.ToUnixTimeSeconds() / seconds - 1) * seconds;
        var mid = Mark(symbol);
        var candles = new Candle[limit];
        for (var i = 0; i < limit; i++)
        {
            var openTime = lastClosedOpen - (limit - 1 - i) * seconds;
            var wave = (decimal)Math.Sin(openTime / (double)seconds / 7.0) * 0.002m;
            var close = decimal.Round(mid * (1 + wave), 8);
            var open = decimal.Round(mid * (1 + wave * 0.9m), 8);
            candles[i] = new Candle(openTime, open, Math.Max(open, close) * 1.0005m, Math.Min(open, close) * 0.9995m, close, 10m + i % 7);
        }
        return candles;
    }
}
