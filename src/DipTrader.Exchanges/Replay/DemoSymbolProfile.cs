using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>How one demo symbol behaves: where it starts, how much a calm minute moves, how much trades.</summary>
/// <param name="MinuteVolatility">Standard deviation of a calm minute's return (0.0007 ≈ 2.7 % a day).</param>
/// <param name="MinuteVolume">Typical volume of a calm minute, in the base coin.</param>
public sealed record DemoSymbolProfile(string Symbol, decimal StartPrice, double MinuteVolatility, double MinuteVolume)
{
    /// <summary>BTCUSDT, ETHUSDT and SOLUSDT near their usual levels; any other symbol starts at 100.</summary>
    public static DemoSymbolProfile For(string symbol) => symbol switch
    {
        "BTCUSDT" => new(symbol, 60_000m, 0.0007, 20),
        "ETHUSDT" => new(symbol, 3_000m, 0.0009, 300),
        "SOLUSDT" => new(symbol, 150m, 0.0012, 3_000),
        _ => new(symbol, 100m, 0.0010, 1_000),
    };

    public Instrument Instrument => InstrumentDefaults.For(Symbol, StartPrice);
}
