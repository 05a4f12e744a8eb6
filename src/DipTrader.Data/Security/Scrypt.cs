using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace DipTrader.Data.Security;

/// <summary>
/// scrypt (RFC 7914), written from the RFC because no maintained NuGet package offers it and the BCL
/// has none. Only used to verify Werkzeug <c>scrypt:N:r:p</c> hashes written by the Python app.
/// </summary>
internal static class Scrypt
{
    /// <summary>Refuse parameters needing more memory than this (Werkzeug's default needs 32 MiB).</summary>
    public const long MaxMemoryBytes = 256L * 1024 * 1024;

    private const int WordsPerSalsaBlock = 16;

    public static bool AreSupported(long n, long r, long p) =>
        n > 1 && BitOperations.IsPow2(n) && r >= 1 && p >= 1
        && r * p < (1 << 30) && 128 * r * n <= MaxMemoryBytes && 128 * r * p <= MaxMemoryBytes;

    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        if (!AreSupported(n, r, p))
        {
            throw new ArgumentOutOfRangeException(nameof(n), "Unsupported scrypt parameters.");
        }

        var blockBytes = 128 * r;
        var blocks = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        var wordsPerBlock = 32 * r;
        var v = new uint[wordsPerBlock * n];
        var x = new uint[wordsPerBlock];
        var y = new uint[wordsPerBlock];
        try
        {
            for (var i = 0; i < p; i++)
            {
                RoMix(blocks.AsSpan(i * blockBytes, blockBytes), n, r, v, x, y);
            }

            return Rfc2898DeriveBytes.Pbkdf2(password, blocks, 1, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blocks);
            Array.Clear(v);
            Array.Clear(x);
            Array.Clear(y);
        }
    }

    /// <summary>RFC 7914 §5: fills V with successive BlockMix outputs, then reads it back data-dependently.</summary>
    private static void RoMix(Span<byte> block, int n, int r, uint[] v, uint[] x, uint[] y)
    {
        var words = x.Length;
        for (var k = 0; k < words; k++)
        {
            x[k] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * k)..]);
        }

        for (var i = 0; i < n; i++)
        {
            x.CopyTo(v, i * words);
            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        for (var i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block; N is a power of two below 2^32.
            var j = (int)(x[(2 * r - 1) * WordsPerSalsaBlock] & (uint)(n - 1));
            var vj = v.AsSpan(j * words, words);
            for (var k = 0; k < words; k++)
            {
                x[k] ^= vj[k];
            }

            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        for (var k = 0; k < words; k++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * k)..], x[k]);
        }
    }

    /// <summary>RFC 7914 §4: Salsa20/8 over the chained 64-byte blocks; even outputs first, then odd.</summary>
    private static void BlockMix(ReadOnlySpan<uint> input, Span<uint> output, int r)
    {
        Span<uint> chain = stackalloc uint[WordsPerSalsaBlock];
        input.Slice((2 * r - 1) * WordsPerSalsaBlock, WordsPerSalsaBlock).CopyTo(chain);
        for (var i = 0; i < 2 * r; i++)
        {
            var block = input.Slice(i * WordsPerSalsaBlock, WordsPerSalsaBlock);
            for (var k = 0; k < WordsPerSalsaBlock; k++)
            {
                chain[k] ^= block[k];
            }

            Salsa20Eight(chain);
            var target = (i / 2) + (i % 2 == 0 ? 0 : r);
            chain.CopyTo(output.Slice(target * WordsPerSalsaBlock, WordsPerSalsaBlock));
        }
    }

    /// <summary>RFC 7914 §3: the Salsa20 core reduced to 8 rounds (4 column/row double rounds).</summary>
    internal static void Salsa20Eight(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        uint x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (var round = 0; round < 8; round += 2)
        {
            QuarterRound(ref x0, ref x4, ref x8, ref x12);
            QuarterRound(ref x5, ref x9, ref x13, ref x1);
            QuarterRound(ref x10, ref x14, ref x2, ref x6);
            QuarterRound(ref x15, ref x3, ref x7, ref x11);
            QuarterRound(ref x0, ref x1, ref x2, ref x3);
            QuarterRound(ref x5, ref x6, ref x7, ref x4);
            QuarterRound(ref x10, ref x11, ref x8, ref x9);
            QuarterRound(ref x15, ref x12, ref x13, ref x14);
        }

        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }

    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        b ^= BitOperations.RotateLeft(a + d, 7);
        c ^= BitOperations.RotateLeft(b + a, 9);
        d ^= BitOperations.RotateLeft(c + b, 13);
        a ^= BitOperations.RotateLeft(d + c, 18);
    }
}
