using System.Globalization;
using System.Text.Json;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Phemex;

/// <summary>Phemex account, ticker and product payloads to DipTrader's market types (reference A.4.1–A.4.3).</summary>
internal static class PhemexMarketParsers
{
    /// <summary><c>GET /g-accounts/positions</c>: the balance and every hedged position row (one-way rows are skipped).</summary>
    public static AccountSnapshot Account(JsonElement data)
    {
        var account = data.GetProperty("account");
        var balance = PhemexJson.RequiredDecimal(account, "accountBalanceRv");
        var positions = new List<Position>();
        if (PhemexJson.TryGet(data, "positions", out var rows) && rows.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in rows.EnumerateArray())
            {
                if (SideExtensions.TryParsePositionSide(PhemexJson.OptionalString(row, "posSide"), out var side))
                {
                    positions.Add(Position(row, side));
                }
            }
        }
        return new AccountSnapshot(balance, positions);
    }

    private static Position Position(JsonElement row, PositionSide side)
    {
        var symbol = PhemexJson.RequiredString(row, "symbol");
        var size = PhemexJson.RequiredDecimal(row, "sizeRq");
        // The sign is the margin mode: 0 or negative cross (0 is cross at the highest leverage), positive isolated (G.9).
        var leverage = PhemexJson.OptionalDecimal(row, "leverageRr");
        return new Position(
            symbol,
            side,
            size,
            PhemexJson.OptionalDecimal(row, "avgEntryPriceRp") ?? 0m,
            Figure(row, "markPriceRp", size, symbol, side),
            Figure(row, "assignedPosBalanceRv", size, symbol, side),
            Figure(row, "unRealisedPnlRv", size, symbol, side),
            Figure(row, "maintMarginReqRr", size, symbol, side),
            leverage is null or 0m ? null : Math.Abs(leverage.Value),
            leverage is null ? null : leverage.Value <= 0m ? MarginMode.Cross : MarginMode.Isolated);
    }

    /// <summary>
    /// A figure the margin level is made of: required while the position is open, as read as 0 it would make a position
    /// near liquidation look safe; 0 when absent from a flat side.
    /// </summary>
    private static decimal Figure(JsonElement row, string name, decimal size, string symbol, PositionSide side) =>
        PhemexJson.OptionalDecimal(row, name)
        ?? (size > 0 ? throw new FormatException($"Field '{name}' is missing from the open {symbol} {side} position.") : 0m);

    /// <summary><c>GET /md/v3/ticker/24hr</c>: best bid and ask.</summary>
    public static Quote Quote(JsonElement result, string symbol)
    {
        var bid = PhemexJson.OptionalDecimal(result, "bidRp") ?? 0m;
        var ask = PhemexJson.OptionalDecimal(result, "askRp") ?? 0m;
        if (bid <= 0 || ask <= 0)
        {
            throw new FormatException($"the {symbol} ticker has no usable bid/ask (bidRp {bid}, askRp {ask}).");
        }
        return new Quote(bid, ask);
    }

    /// <summary>
    /// <c>GET /public/products</c>: the listed USDT perpetuals of <c>perpProductsV2</c> that can be traded, and why each
    /// other listed one cannot (one odd contract must not hide the hundreds of good ones).
    /// </summary>
    public static PhemexProducts Products(JsonElement data)
    {
        var instruments = new List<Instrument>();
        var unusable = new Dictionary<string, string>(StringComparer.Ordinal);
        if (PhemexJson.TryGet(data, "perpProductsV2", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in products.EnumerateArray())
            {
                if (PhemexJson.OptionalString(product, "status") != "Listed" || PhemexJson.OptionalString(product, "symbol") is not { } symbol)
                {
                    continue;
                }
                var problem = Problem(product, symbol, out var instrument);
                if (problem is null)
                {
                    instruments.Add(instrument);
                }
                else
                {
                    unusable[symbol] = problem;
                }
            }
        }
        if (instruments.Count == 0)
        {
            throw new FormatException("'perpProductsV2' lists no readable Listed contract.");
        }
        return new PhemexProducts(instruments, unusable);
    }

    /// <summary>Why the product cannot be traded, or null and its rules.</summary>
    private static string? Problem(JsonElement product, string symbol, out Instrument instrument)
    {
        instrument = null!;
        if (!TryPositive(product, "qtyStepSize", out var step))
        {
            return "its qtyStepSize is missing or not a positive number";
        }
        if (!TryPositive(product, "maxOrderQtyRq", out var maxQty))
        {
            return "its maxOrderQtyRq is missing or not a positive number";
        }
        if (!TryPositive(product, "tickSize", out var tick))
        {
            return "its tickSize is missing or not a positive number";
        }
        // Phemex has no minimum quantity field: the smallest order is one step (reference A.4.3).
        if (step > maxQty)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its smallest order (one qtyStepSize, {step}) is above its largest (maxOrderQtyRq {maxQty})");
        }
        instrument = new Instrument(symbol, step, step, maxQty, tick);
        return null;
    }

    private static bool TryPositive(JsonElement product, string name, out decimal value)
    {
        try
        {
            value = PhemexJson.OptionalDecimal(product, name) ?? 0m;
        }
        catch (FormatException)
        {
            value = 0m;
        }
        return value > 0m;
    }
}

/// <summary>The listed USDT perpetuals: the ones DipTrader can trade, and per symbol why each other one cannot.</summary>
internal sealed record PhemexProducts(IReadOnlyList<Instrument> Instruments, IReadOnlyDictionary<string, string> Unusable);
