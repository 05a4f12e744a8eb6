using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Phemex request signatures (reference A.2): lowercase hex HMAC-SHA256 over
/// <c>path + queryString + expiry + body</c>, no separators, keyed with the secret's UTF-8 bytes.
/// </summary>
internal static class PhemexSigner
{
    public static string Sign(ReadOnlySpan<byte> secretKey, string path, string queryString, long expiry, ReadOnlySpan<byte> body)
    {
        var expiryText = expiry.ToString(CultureInfo.InvariantCulture);
        var length = Encoding.UTF8.GetByteCount(path) + Encoding.UTF8.GetByteCount(queryString) + expiryText.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(path, rented);
            written += Encoding.UTF8.GetBytes(queryString, rented.AsSpan(written));
            written += Encoding.ASCII.GetBytes(expiryText, rented.AsSpan(written));
            body.CopyTo(rented.AsSpan(written));
            written += body.Length;

            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(secretKey, rented.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
