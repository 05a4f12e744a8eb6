using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>Contract rules for replayed and demo symbols when none are configured.</summary>
public static class InstrumentDefaults
{
    /// <summary>Large enough that no replayed order is ever clamped by it.</summary>
    public const decimal MaxQty = 1_000_000m;

    /// <summary>
    /// BTCUSDT (step 0.001, tick 0.1), ETHUSDT (0.01, 0.01) and SOLUSDT (0.1, 0.001) as on Phemex; any other
    /// symbol gets rules scaled to its price: a tick of about five significant digits, and a step worth
    /// 10 to 100 USDT, which is what those three have too.
    /// </summary>
    public static Instrument For(string symbol, decimal referencePrice) => symbol switch
    {
        "BTCUSDT" => new Instrument(symbol, 0.001m, 0.001m, MaxQty, 0.1m),
        "ETHUSDT" => new Instrument(symbol, 0.01m, 0.01m, MaxQty, 0.01m),
        "SOLUSDT" => new Instrument(symbol, 0.1m, 0.1m, MaxQty, 0.001m),
        _ => Scaled(symbol, referencePrice),
    };

    private static Instrument Scaled(string symbol, decimal price)
    {
        if (price <= 0)
        {
            price = 100m;
        }
        var magnitude = DecimalExponent(price);
        var tick = PowerOfTen(magnitude - 5);
        // The smallest power of ten whose value in USDT reaches 10.
        var step = PowerOfTen(-magnitude - 1);
        while (step * price < 10m)
        {
            step *= 10m;
        }
        return new Instrument(symbol, step, step, MaxQty, tick);
    }

    /// <summary>floor(log10(value)) for a positive decimal, without floating point.</summary>
    private static int DecimalExponent(decimal value)
    {
        var exponent = 0;
        while (value >= 10m)
        {
            value /= 10m;
            exponent++;
        }
        while (value < 1m)
        {
            value *= 10m;
            exponent--;
        }
        return exponent;
    }

    private static decimal PowerOfTen(int exponent)
    {
        exponent = Math.Clamp(exponent, -18, 18);
        var result = 1m;
        for (var k = 0; k < Math.Abs(exponent); k++)
        {
            result = exponent > 0 ? result * 10m : result / 10m;
        }
        return result;
    }
}
