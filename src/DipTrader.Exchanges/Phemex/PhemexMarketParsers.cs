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
        // The sign is the margin mode: 0 or negative cross (0 is cross at the highest leverage), positive isolated (G.9).
        var leverage = PhemexJson.OptionalDecimal(row, "leverageRr");
        return new Position(
            PhemexJson.RequiredString(row, "symbol"),
            side,
            PhemexJson.RequiredDecimal(row, "sizeRq"),
            PhemexJson.OptionalDecimal(row, "avgEntryPriceRp") ?? 0m,
            PhemexJson.OptionalDecimal(row, "markPriceRp") ?? 0m,
            PhemexJson.OptionalDecimal(row, "assignedPosBalanceRv") ?? 0m,
            PhemexJson.OptionalDecimal(row, "unRealisedPnlRv") ?? 0m,
            PhemexJson.OptionalDecimal(row, "maintMarginReqRr") ?? 0m,
            leverage is null or 0m ? null : Math.Abs(leverage.Value),
            leverage is null ? null : leverage.Value <= 0m ? MarginMode.Cross : MarginMode.Isolated);
    }

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

    /// <summary><c>GET /public/products</c>: the listed USDT perpetuals of <c>perpProductsV2</c>.</summary>
    public static IReadOnlyList<Instrument> Instruments(JsonElement data)
    {
        var instruments = new List<Instrument>();
        if (PhemexJson.TryGet(data, "perpProductsV2", out var products) && products.ValueKind == JsonValueKind.Array)
        {
            foreach (var product in products.EnumerateArray())
            {
                if (PhemexJson.OptionalString(product, "status") == "Listed" && TryInstrument(product, out var instrument))
                {
                    instruments.Add(instrument);
                }
            }
        }
        if (instruments.Count == 0)
        {
            throw new FormatException("'perpProductsV2' lists no readable Listed contract.");
        }
        return instruments;
    }

    private static bool TryInstrument(JsonElement product, out Instrument instrument)
    {
        instrument = null!;
        var symbol = PhemexJson.OptionalString(product, "symbol");
        if (symbol is null
            || !TryPositive(product, "qtyStepSize", out var step)
            || !TryPositive(product, "maxOrderQtyRq", out var maxQty)
            || !TryPositive(product, "tickSize", out var tick))
        {
            return false; // One odd contract must not hide the hundreds of good ones.
        }
        // Phemex has no minimum quantity field: the smallest order is one step (reference A.4.3).
        instrument = new Instrument(symbol, step, step, maxQty, tick);
        return true;
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
