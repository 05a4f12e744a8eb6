using System.Buffers.Text;

namespace DipTrader.Data.Security;

/// <summary>
/// URL-safe base64 as Python's <c>base64.urlsafe_b64encode</c> writes it (with '=' padding), read back
/// strictly: only the URL-safe alphabet, with or without the padding, surrounding whitespace ignored.
/// </summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var unpadded = Base64Url.EncodeToString(bytes);
        var padding = (4 - (unpadded.Length % 4)) % 4;
        return padding == 0 ? unpadded : unpadded + new string('=', padding);
    }

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var body = text.AsSpan().Trim();
        var padded = body.Length;
        body = body.TrimEnd('=');
        var padding = padded - body.Length;
        if (body.IsEmpty || padding > 2 || (padding > 0 && padded % 4 != 0) || body.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(body.Length)];
        try
        {
            if (!Base64Url.TryDecodeFromChars(body, buffer, out var written))
            {
                return false;
            }

            bytes = written == buffer.Length ? buffer : buffer[..written];
            return true;
        }
        catch (FormatException)
        {
            // Unused low bits set in the last character: never written by Python or by us.
            return false;
        }
    }
}
