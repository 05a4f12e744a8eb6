using System.Globalization;
using System.Text.Json.Nodes;

namespace DipTrader.Cli.Tests;

/// <summary>
/// Builds explain snapshots from the pair's point of view: decision price 100, balance 10,000, EMAs on the
/// favourable side unless moved, a calm market unless told otherwise.
/// </summary>
internal sealed record SnapshotBuilder
{
    public string Side { get; init; } = "Long";
    public bool AutomaticMode { get; init; } = true;
    public decimal? MarginRatio { get; init; }
    public decimal PnlRatio { get; init; }
    public decimal MarginLevel { get; init; } = 10m;
    public decimal Ema50Offset { get; init; } = 1m;
    public decimal Ema200Offset { get; init; } = 2m;
    public decimal Ema100H1Offset { get; init; } = 1m;
    public double BbWidth { get; init; } = 1.0;
    public double Roc5 { get; init; }
    public double Roc15 { get; init; }
    public string Config { get; init; } = "{}";

    private bool IsLong => Side == "Long";

    private decimal Favourable(decimal offset) => IsLong ? 100m - offset : 100m + offset;

    public JsonObject Build()
    {
        var positions = new JsonArray();
        if (MarginRatio is { } ratio)
        {
            var margin = 10_000m * ratio;
            var pnl = margin * PnlRatio;
            var size = margin / 10m; // notional = margin × leverage 10 at price 100
            positions.Add(new JsonObject
            {
                ["symbol"] = "BTCUSDT", ["side"] = Side, ["size"] = size, ["entryPrice"] = 100, ["markPrice"] = 100,
                ["positionMargin"] = margin, ["unrealisedPnl"] = pnl,
                ["maintenanceMarginRate"] = decimal.Round((margin + pnl) / (MarginLevel * size * 100m), 20),
            });
        }
        return new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["symbol"] = "BTCUSDT", ["side"] = Side, ["leverage"] = 10, ["emaInterval"] = 1,
                ["automaticMode"] = AutomaticMode, ["config"] = JsonNode.Parse(Config),
            },
            ["market"] = new JsonObject
            {
                ["bid"] = IsLong ? 100m : 99.9m,
                ["ask"] = IsLong ? 100.1m : 100m,
                ["instrument"] = new JsonObject { ["qtyStep"] = 0.001, ["minQty"] = 0.001, ["maxQty"] = 1000, ["tickSize"] = 0.1 },
                ["indicators"] = new JsonObject
                {
                    ["ema50"] = Favourable(Ema50Offset), ["ema200"] = Favourable(Ema200Offset), ["ema100h1"] = Favourable(-Ema100H1Offset),
                    ["atr"] = 1.0, ["atrThreshold"] = 2.0, ["bbWidth"] = BbWidth, ["historicalVolatility"] = 0.5,
                    ["roc5"] = Roc5, ["roc15"] = Roc15, ["volumeRatio"] = 1.0,
                },
            },
            ["account"] = new JsonObject { ["balance"] = 10_000, ["positions"] = positions },
        };
    }

    public string Json() => Build().ToJsonString();

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
