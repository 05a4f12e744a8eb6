using System.Security.Cryptography;
using System.Text;

namespace DipTrader.Testing.FakePhemex;

/// <summary>
/// Checks a Phemex signature independently of the client's signer. Both HMAC key conventions are accepted:
/// the secret's UTF-8 bytes (the Python client, CCXT) and its base64url-decoded bytes (the Java client).
/// </summary>
internal static class FakeSignature
{
    public static bool IsValid(string secret, string path, string query, string expiry, ReadOnlySpan<byte> body, string signature)
    {
        var signed = Encoding.UTF8.GetBytes(path + query + expiry).Concat(body.ToArray()).ToArray();
        return Matches(Encoding.UTF8.GetBytes(secret), signed, signature)
            || (TryBase64UrlDecode(secret, out var decoded) && Matches(decoded, signed, signature));
    }

    private static bool Matches(byte[] key, byte[] signed, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(key, signed)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private static bool TryBase64UrlDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded = padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
