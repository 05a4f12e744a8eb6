using System.Globalization;

namespace DipTrader.Testing.FakePhemex;

/// <summary>The public endpoints: ticker v3, products, klines (reference A.4.2–A.4.4).</summary>
internal static class FakeMarketEndpoints
{
    private static readonly HashSet<int> Resolutions = [60, 300, 900, 1800, 3600, 14400, 86400, 604800, 2592000, 7776000, 31104000];
    private static readonly HashSet<int> Limits = [5, 10, 50, 100, 500, 1000];

    public static FakeReply Ticker(FakeExchange exchange, FakeCall call)
    {
        var symbol = call["symbol"];
        if (symbol is null || exchange.Market.Quote(symbol) is not { } quote)
        {
            return FakeReply.Error(6001, "invalid argument");
        }
        var mark = (quote.Bid + quote.Ask) / 2;
        return FakeReply.Ok(new Dictionary<string, object?>
        {
            ["askRp"] = FakeWire.Number(quote.Ask),
            ["bidRp"] = FakeWire.Number(quote.Bid),
            ["lastRp"] = FakeWire.Number(quote.Bid),
            ["markRp"] = FakeWire.Number(mark),
            ["indexRp"] = FakeWire.Number(mark),
            ["openRp"] = FakeWire.Number(mark),
            ["highRp"] = FakeWire.Number(quote.Ask),
            ["lowRp"] = FakeWire.Number(quote.Bid),
            ["fundingRateRr"] = "0.0001",
            ["predFundingRateRr"] = "0.0001",
            ["openInterestRv"] = "0",
            ["volumeRq"] = "0",
            ["turnoverRv"] = "0",
            ["symbol"] = symbol,
            ["timestamp"] = exchange.Now.ToUnixTimeMilliseconds() * 1_000_000,
        });
    }

    public static FakeReply Products(FakeExchange exchange, FakeCall call) => FakeReply.Ok(new Dictionary<string, object?>
    {
        ["ratioScale"] = 8,
        ["currencies"] = Array.Empty<object>(),
        ["products"] = Array.Empty<object>(),
        ["perpProductsV2"] = exchange.Market.Products.Select(FakeWire.Product).ToArray(),
        ["riskLimits"] = Array.Empty<object>(),
        ["leverages"] = Array.Empty<object>(),
        ["md5Checksum"] = "fake",
    });

    public static FakeReply Klines(FakeExchange exchange, FakeCall call)
    {
        var symbol = call["symbol"];
        if (symbol is null)
        {
            return FakeReply.MissingParameter("symbol");
        }
        if (call["resolution"] is not { } resolutionText)
        {
            return FakeReply.MissingParameter("resolution");
        }
        if (!int.TryParse(resolutionText, NumberStyles.None, CultureInfo.InvariantCulture, out var resolution) || !Resolutions.Contains(resolution))
        {
            return FakeReply.BadArguments($"resolution {resolutionText}");
        }
        if (!int.TryParse(call["limit"] ?? "1000", NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || !Limits.Contains(limit))
        {
            return FakeReply.BadArguments($"limit {call["limit"]}");
        }
        if (exchange.Market.Listed(symbol) is null && exchange.Market.Quote(symbol) is null)
        {
            return FakeReply.Error(39997, $"Symbol not listed {symbol}");
        }
        var candles = exchange.Market.Candles(symbol, resolution / 60, limit, exchange.Now);
        var rows = candles.Select((candle, i) => FakeWire.KlineRow(candle, resolution, i > 0 ? candles[i - 1].Close : candle.Open, symbol, exchange.Options.KlineRowFields));
        var ordered = exchange.Options.KlinesNewestFirst ? rows.Reverse() : rows;
        return FakeReply.Ok(new Dictionary<string, object?> { ["total"] = -1, ["rows"] = ordered.ToArray() });
    }
}
