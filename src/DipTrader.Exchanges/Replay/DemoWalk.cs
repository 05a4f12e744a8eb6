using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Replay;

/// <summary>
/// The demo price process of one symbol, minute by minute from a start time: a random walk whose drift,
/// volatility and volume follow the current <see cref="DemoRegime"/>, pulled gently back towards the start
/// price so that years of demo time neither vanish nor explode. The state is plain doubles moved with
/// + − × ÷ only, so the same seed and start give bit-identical candles however the walk is chunked or skipped.
/// </summary>
internal sealed class DemoWalk
{
    // Half of a deviation from the start price is pulled back in about three weeks.
    private const double ReversionPerMinute = 1.0 / (30 * 24 * 60);
    private const double WickScale = 0.75;

    private readonly DemoRandom _random;
    private readonly DemoSymbolProfile _profile;
    private readonly double _startPrice;
    private readonly decimal _tick;
    private readonly double _tickValue;

    // When the tick is 10^-k, a price is its tick count with scale k: built directly, no decimal multiply.
    private readonly byte? _tickScale;
    private double _price;
    private RegimeShape _shape = RegimeShape.Of(DemoRegime.Sideways);
    private long _regimeEnds;
    private double _drift;

    public DemoWalk(DemoSymbolProfile profile, int seed, long startSeconds)
    {
        _profile = profile;
        _random = new DemoRandom(DemoRandom.SeedFor(seed, profile.Symbol));
        _startPrice = (double)profile.StartPrice;
        _price = _startPrice;
        _tick = profile.Instrument.TickSize;
        _tickValue = (double)_tick;
        _tickScale = _tick <= 1m && _tick == Units(1, _tick.Scale) ? _tick.Scale : null;
        Time = startSeconds;
        Enter(DemoRegime.Sideways);
    }

    /// <summary>Open time of the next minute the walk will produce.</summary>
    public long Time { get; private set; }

    /// <summary>The regime of the minute produced last.</summary>
    public DemoRegime Regime { get; private set; }

    public Candle Next()
    {
        Step(out var open, out var high, out var low, out var close, out var volume);
        var openTicks = Ticks(open);
        var closeTicks = Ticks(close);
        var highTicks = Math.Max((long)Math.Ceiling(high / _tickValue), Math.Max(openTicks, closeTicks));
        var lowTicks = Math.Max(Math.Min((long)Math.Floor(low / _tickValue), Math.Min(openTicks, closeTicks)), 1);
        return new Candle(Time - 60, Price(openTicks), Price(highTicks), Price(lowTicks), Price(closeTicks),
            Units((long)Math.Round(volume * 1000.0), 3));
    }

    /// <summary>Moves one minute on without building a candle (the same random draws as <see cref="Next"/>).</summary>
    public void Skip() => Step(out _, out _, out _, out _, out _);

    private void Step(out double open, out double high, out double low, out double close, out double volume)
    {
        if (Time >= _regimeEnds)
        {
            Enter(RegimeShape.Next(Regime, _random.NextDouble()));
        }
        var sigma = _profile.MinuteVolatility * _shape.Volatility;
        var reversion = -ReversionPerMinute * (_price / _startPrice - 1.0);
        var change = _drift + reversion + sigma * _random.NextNormal();
        open = _price;
        close = Math.Max(open * (1.0 + change), _tickValue);
        high = Math.Max(open, close) * (1.0 + sigma * WickScale * _random.NextDouble());
        low = Math.Min(open, close) * (1.0 - sigma * WickScale * _random.NextDouble());
        // Busy regimes and big minutes trade more: crashes show the volume spike a volatility filter expects.
        volume = _profile.MinuteVolume * _shape.Volume * (0.6 + 0.8 * _random.NextDouble()) * (1.0 + 0.3 * Math.Abs(change) / sigma);
        _price = close;
        Time += 60;
    }

    private void Enter(DemoRegime regime)
    {
        Regime = regime;
        _shape = RegimeShape.Of(regime);
        var minutes = (int)_random.Between(_shape.MinMinutes, _shape.MaxMinutes + 1);
        // A linear per-minute drift; compounded it lands near the drawn move without any transcendental maths.
        _drift = _random.Between(_shape.MinMove, _shape.MaxMove) / minutes;
        _regimeEnds = Time + minutes * 60L;
    }

    private long Ticks(double price) => Math.Max((long)Math.Round(price / _tickValue), 1);

    private decimal Price(long ticks) => _tickScale is { } scale ? Units(ticks, scale) : ticks * _tick;

    /// <summary><paramref name="units"/> × 10^-<paramref name="scale"/> for a non-negative count below 2^63.</summary>
    private static decimal Units(long units, byte scale) => new((int)(uint)units, (int)(units >> 32), 0, false, scale);
}
