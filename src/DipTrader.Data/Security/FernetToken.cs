using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DipTrader.Data.Security;

/// <summary>
/// The Fernet token format (fernet/spec): base64url( 0x80 | timestamp (8 bytes, big-endian) | IV (16) |
/// AES-128-CBC ciphertext with PKCS7 | HMAC-SHA256 over all before it ). Byte-compatible with Python's
/// <c>cryptography.fernet</c>.
/// </summary>
internal static class FernetToken
{
    private const byte Version = 0x80;
    private const int TimestampOffset = 1;
    private const int IvOffset = TimestampOffset + sizeof(ulong);
    private const int IvLength = 16;
    private const int CiphertextOffset = IvOffset + IvLength;
    private const int MacLength = 32;
    private const int BlockLength = 16;

    /// <summary>Python's <c>_MAX_CLOCK_SKEW</c>: a token dated further ahead fails a TTL check.</summary>
    private const long MaxClockSkewSeconds = 60;

    public static string Encrypt(FernetKey key, ReadOnlySpan<byte> plaintext, ulong timestamp)
    {
        Span<byte> iv = stackalloc byte[IvLength];
        RandomNumberGenerator.Fill(iv);
        return Encrypt(key, plaintext, timestamp, iv);
    }

    /// <summary>With a given IV: for the specification's "generate" vectors; otherwise use the random-IV overload.</summary>
    public static string Encrypt(FernetKey key, ReadOnlySpan<byte> plaintext, ulong timestamp, ReadOnlySpan<byte> iv)
    {
        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey.ToArray();
        var ciphertext = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);

        var token = new byte[CiphertextOffset + ciphertext.Length + MacLength];
        token[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(token.AsSpan(TimestampOffset), timestamp);
        iv.CopyTo(token.AsSpan(IvOffset));
        ciphertext.CopyTo(token.AsSpan(CiphertextOffset));
        var signed = token.AsSpan(0, token.Length - MacLength);
        HMACSHA256.HashData(key.SigningKey, signed, token.AsSpan(signed.Length));
        return Base64UrlText.Encode(token);
    }

    /// <summary>
    /// Decodes the outer layer and checks the shape (version byte, lengths). Says nothing about the
    /// key: <paramref name="data"/> is still unauthenticated.
    /// </summary>
    public static bool TryDecode(string? token, out byte[] data)
    {
        if (!Base64UrlText.TryDecode(token, out data))
        {
            return false;
        }

        var ciphertextLength = data.Length - CiphertextOffset - MacLength;
        return data[0] == Version && ciphertextLength >= BlockLength && ciphertextLength % BlockLength == 0;
    }

    public static ulong TimestampOf(ReadOnlySpan<byte> data) =>
        BinaryPrimitives.ReadUInt64BigEndian(data[TimestampOffset..]);

    /// <summary>True when <paramref name="key"/>'s signature checks out (constant-time comparison).</summary>
    public static bool IsSignedBy(FernetKey key, ReadOnlySpan<byte> data)
    {
        var signed = data[..^MacLength];
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key.SigningKey, signed, expected);
        return CryptographicOperations.FixedTimeEquals(expected, data[^MacLength..]);
    }

    /// <summary>
    /// Python's <c>Fernet._decrypt_data</c>: the optional age check first, then the signature, and only
    /// then the decryption. <paramref name="data"/> must come from <see cref="TryDecode"/>.
    /// </summary>
    public static bool TryDecrypt(FernetKey key, byte[] data, TokenAge? age, out byte[] plaintext)
    {
        plaintext = [];
        if (age is { } limit && !limit.Admits(TimestampOf(data)))
        {
            return false;
        }

        if (!IsSignedBy(key, data))
        {
            return false;
        }

        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey.ToArray();
        var iv = data.AsSpan(IvOffset, IvLength);
        var ciphertext = data.AsSpan(CiphertextOffset, data.Length - CiphertextOffset - MacLength);
        try
        {
            plaintext = aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
            return true;
        }
        catch (CryptographicException)
        {
            // Bad padding behind a valid signature: a token signed with our key but not by Fernet.
            return false;
        }
    }

    /// <summary>A TTL check at a given moment (Unix seconds), as Python's <c>decrypt(token, ttl)</c>.</summary>
    public readonly record struct TokenAge(long NowSeconds, long MaxAgeSeconds)
    {
        public bool Admits(ulong timestamp)
        {
            if (NowSeconds < 0 || timestamp > (ulong)NowSeconds + MaxClockSkewSeconds)
            {
                return false;
            }

            // Dated up to the allowed skew ahead counts as brand new.
            return timestamp >= (ulong)NowSeconds || (ulong)NowSeconds - timestamp <= (ulong)MaxAgeSeconds;
        }
    }
}
