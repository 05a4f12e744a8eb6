using System.Globalization;
using System.Text.Json;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Trading.Explain;

/// <summary>
/// The input of <c>diptrader explain</c>: settings, market and account as camelCase JSON (see
/// <c>examples/</c>). Indicators are either handed in under <c>market.indicators</c> or computed from
/// <c>market.candles</c>.
/// </summary>
public sealed record ExplainSnapshot(PairSettings Pair, MarketSnapshot Market, AccountSnapshot Account)
{
    private static readonly string[] MeasureNames =
        ["atr", "atrThreshold", "bbWidth", "historicalVolatility", "roc5", "roc15", "volumeRatio"];

    public Decision Decide() => MartingaleStrategy.Decide(Pair, Market, Account);

    public static Validated<ExplainSnapshot> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
            return Validated<ExplainSnapshot>.Fail("snapshot", $"is not valid JSON{where}");
        }
        using (document)
        {
            var errors = new List<ValidationError>();
            var root = JsonFields.Open(document.RootElement, string.Empty, errors);
            if (root is null)
            {
                return Validated<ExplainSnapshot>.Fail([new ValidationError("snapshot", errors[0].Message)]);
            }
            var pair = ReadSettings(root.Child("settings"), errors);
            var account = ReadAccount(root.Child("account"), errors);
            var market = ReadMarket(root.Child("market"), pair, errors);
            root.RejectUnknown();
            if (errors.Count > 0 || pair is null || market is null || account is null)
            {
                return Validated<ExplainSnapshot>.Fail(errors.Count > 0 ? errors : [new ValidationError("snapshot", "is incomplete")]);
            }
            return Validated<ExplainSnapshot>.Ok(new ExplainSnapshot(pair, market, account));
        }
    }

    private static PairSettings? ReadSettings(JsonFields? fields, List<ValidationError> errors)
    {
        if (fields is null)
        {
            return null;
        }
        var symbol = fields.String("symbol");
        var sideText = fields.String("side");
        var leverage = fields.Integer("leverage", PairSettings.DefaultLeverage);
        var interval = fields.Integer("emaInterval", PairSettings.DefaultEmaInterval);
        var automatic = fields.Boolean("automaticMode", true);
        var config = fields.Raw("config");
        fields.RejectUnknown();

        PositionSide side = default;
        if (sideText is not null && !SideExtensions.TryParsePositionSide(sideText, out side))
        {
            fields.Error("side", $"must be Long or Short (got \"{sideText}\")");
            sideText = null;
        }
        var strategy = MartingaleSettings.Default;
        if (config is not null)
        {
            var parsed = MartingaleSettingsJson.Parse(config.Value);
            if (parsed.IsValid)
            {
                strategy = parsed.Value!;
            }
            else
            {
                errors.AddRange(parsed.Errors.Select(e => e.Field == "config" ? e with { Field = fields.PathOf("config") } : e.Prefixed(fields.PathOf("config"))));
            }
        }
        if (symbol is null || sideText is null || leverage is null || interval is null || automatic is null)
        {
            return null;
        }
        var pair = new PairSettings(symbol, side, leverage.Value, interval.Value, automatic.Value, strategy);
        var pairErrors = pair.Validate();
        errors.AddRange(pairErrors.Select(e => e.Prefixed("settings")));
        return pairErrors.Count == 0 ? pair : null;
    }

    private static AccountSnapshot? ReadAccount(JsonFields? fields, List<ValidationError> errors)
    {
        if (fields is null)
        {
            return null;
        }
        var balance = fields.Decimal("balance", v => v > 0, "a number greater than 0");
        var positions = new List<Position>();
        var raw = fields.Raw("positions");
        if (raw is { ValueKind: not JsonValueKind.Array })
        {
            fields.Error("positions", $"must be an array of positions (got {JsonFields.Kind(raw.Value)})");
        }
        else if (raw is { } array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var position = ReadPosition(JsonFields.Open(item, $"{fields.PathOf("positions")}[{index}]", errors));
                if (position is not null)
                {
                    positions.Add(position);
                }
                index++;
            }
        }
        fields.RejectUnknown();
        return balance is null ? null : new AccountSnapshot(balance.Value, positions);
    }

    private static Position? ReadPosition(JsonFields? fields)
    {
        if (fields is null)
        {
            return null;
        }
        var symbol = fields.String("symbol");
        var sideText = fields.String("side");
        var size = fields.Decimal("size", v => v >= 0, "a number at least 0");
        var entry = fields.Decimal("entryPrice", v => v >= 0, "a number at least 0");
        var mark = fields.Decimal("markPrice", v => v >= 0, "a number at least 0");
        var margin = fields.Decimal("positionMargin", v => v >= 0, "a number at least 0");
        var pnl = fields.Decimal("unrealisedPnl", _ => true, "a number");
        var rate = fields.Decimal("maintenanceMarginRate", v => v is >= 0 and < 1, "a fraction at least 0 and below 1");
        fields.RejectUnknown();
        PositionSide side = default;
        if (sideText is not null && !SideExtensions.TryParsePositionSide(sideText, out side))
        {
            fields.Error("side", $"must be Long or Short (got \"{sideText}\")");
            return null;
        }
        if (symbol is null || sideText is null || size is null || entry is null || mark is null || margin is null || pnl is null || rate is null)
        {
            return null;
        }
        return new Position(symbol, side, size.Value, entry.Value, mark.Value, margin.Value, pnl.Value, rate.Value);
    }

    private static MarketSnapshot? ReadMarket(JsonFields? fields, PairSettings? pair, List<ValidationError> errors)
    {
        if (fields is null)
        {
            return null;
        }
        var bid = fields.Decimal("bid", v => v > 0, "a price greater than 0");
        var ask = fields.Decimal("ask", v => v > 0, "a price greater than 0");
        if (bid is not null && ask is not null && bid > ask)
        {
            fields.Error("ask", $"must not be below the bid {bid.Value.ToString(CultureInfo.InvariantCulture)} (got {ask.Value.ToString(CultureInfo.InvariantCulture)})");
        }
        var instrument = ReadInstrument(fields.Child("instrument"), pair?.Symbol ?? string.Empty);
        var indicatorFields = fields.Child("indicators", required: false);
        var candlesRaw = fields.Raw("candles");
        IndicatorSnapshot? indicators = null;
        if (indicatorFields is not null)
        {
            indicators = ReadIndicators(indicatorFields);
        }
        else if (candlesRaw is null)
        {
            fields.Error("indicators", "is missing: give market.indicators, or market.candles to compute them from");
        }
        else if (pair is not null)
        {
            indicators = CandleSnapshot.Compute(candlesRaw.Value, fields.PathOf("candles"), pair, errors);
        }
        fields.RejectUnknown();
        if (bid is null || ask is null || instrument is null || indicators is null)
        {
            return null;
        }
        return new MarketSnapshot(new Quote(bid.Value, ask.Value), instrument, indicators);
    }

    private static Instrument? ReadInstrument(JsonFields? fields, string symbol)
    {
        if (fields is null)
        {
            return null;
        }
        var step = fields.Decimal("qtyStep", v => v > 0, "a number greater than 0");
        var min = fields.Decimal("minQty", v => v > 0, "a number greater than 0");
        var max = fields.Decimal("maxQty", v => v > 0, "a number greater than 0");
        var tick = fields.Decimal("tickSize", v => v > 0, "a number greater than 0");
        fields.RejectUnknown();
        if (min is not null && max is not null && min > max)
        {
            fields.Error("maxQty", "must not be below minQty");
            return null;
        }
        return step is null || min is null || max is null || tick is null ? null : new Instrument(symbol, step.Value, min.Value, max.Value, tick.Value);
    }

    private static IndicatorSnapshot? ReadIndicators(JsonFields fields)
    {
        var ema50 = fields.Decimal("ema50", v => v > 0, "a price greater than 0");
        var ema200 = fields.Decimal("ema200", v => v > 0, "a price greater than 0");
        var ema100H1 = fields.Decimal("ema100h1", v => v > 0, "a price greater than 0");
        var values = MeasureNames.ToDictionary(n => n, fields.Double, StringComparer.Ordinal);
        var roc30 = fields.Raw("roc30") is { ValueKind: JsonValueKind.Number } r ? r.GetDouble() : (double?)null;
        fields.RejectUnknown();
        if (ema50 is null || ema200 is null || ema100H1 is null || values.Values.Any(v => v is null))
        {
            return null;
        }
        return new IndicatorSnapshot(
            ema50.Value,
            ema200.Value,
            ema100H1.Value,
            new VolatilityMetrics(values["atr"], values["atrThreshold"], values["bbWidth"], values["historicalVolatility"]),
            new DeclineInputs(values["roc5"]!.Value, values["roc15"]!.Value, roc30, values["volumeRatio"]));
    }
}
