using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace DipTrader.Data.Security;

/// <summary>
/// One Fernet key: 32 bytes in URL-safe base64; the first 16 sign (HMAC-SHA256), the last 16 encrypt
/// (AES-128-CBC). Never printed: <see cref="ToString"/> is redacted.
/// </summary>
internal sealed class FernetKey
{
    private const int RawLength = 32;
    private const int HalfLength = RawLength / 2;

    private readonly byte[] signingKey;
    private readonly byte[] encryptionKey;

    private FernetKey(ReadOnlySpan<byte> raw)
    {
        signingKey = raw[..HalfLength].ToArray();
        encryptionKey = raw[HalfLength..].ToArray();
    }

    public ReadOnlySpan<byte> SigningKey => signingKey;

    public ReadOnlySpan<byte> EncryptionKey => encryptionKey;

    /// <summary>Reads a key as Python's <c>Fernet(key)</c> would, also without '=' padding.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FernetKey? key)
    {
        key = null;
        if (!Base64UrlText.TryDecode(text, out var raw))
        {
            return false;
        }

        try
        {
            if (raw.Length != RawLength)
            {
                return false;
            }

            key = new FernetKey(raw);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>A new random key, in the form Python's <c>Fernet.generate_key()</c> prints.</summary>
    public static string Generate()
    {
        Span<byte> raw = stackalloc byte[RawLength];
        RandomNumberGenerator.Fill(raw);
        try
        {
            return Base64UrlText.Encode(raw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    public bool HasSameBytesAs(FernetKey other) =>
        CryptographicOperations.FixedTimeEquals(signingKey, other.signingKey)
        && CryptographicOperations.FixedTimeEquals(encryptionKey, other.encryptionKey);

    public override string ToString() => "FernetKey(redacted)";
}
