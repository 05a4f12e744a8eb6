namespace DipTrader.Exchanges.Replay;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small generator of our own, so a seed gives the same demo
/// candles on every runtime version (System.Random promises no such thing), which golden backtests need.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DemoRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A seed for one symbol of a demo market: the market's seed mixed with a stable hash of the name.</summary>
    public static ulong SeedFor(int seed, string symbol)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 14695981039346656037UL;
        foreach (var c in symbol)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash ^ (unchecked((ulong)seed) * 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Roughly standard normal: the sum of four uniforms, centred and scaled (Irwin–Hall). Plain arithmetic
    /// only, so it is bit-identical everywhere; tails stop at ±3.5, the regimes supply the big moves.
    /// </summary>
    public double NextNormal()
    {
        const double Sqrt3 = 1.7320508075688772;
        return (NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2.0) * Sqrt3;
    }

    /// <summary>Uniform in [min, max].</summary>
    public double Between(double min, double max) => min + (max - min) * NextDouble();

    private ulong Next()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
