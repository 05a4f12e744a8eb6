using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace DipTrader.Data.Security;

/// <summary>
/// A parsed Werkzeug password hash, <c>METHOD$SALT$HEX</c>, read as Werkzeug 3.1's
/// <c>check_password_hash</c> reads it: <c>pbkdf2[:HASH[:ITERATIONS]]</c> or <c>scrypt[:N:r:p]</c>.
/// </summary>
internal sealed record WerkzeugHash(
    WerkzeugHash.Kind Method,
    HashAlgorithmName Prf,
    int Iterations,
    bool IterationsGiven,
    int ScryptN,
    int ScryptR,
    int ScryptP,
    string Salt,
    byte[] Digest)
{
    /// <summary>What Werkzeug 3.1 uses for <c>pbkdf2</c> or <c>pbkdf2:HASH</c> without an iteration count.</summary>
    public const int WerkzeugDefaultPbkdf2Iterations = 1_000_000;

    private const int ScryptDigestLength = 64;

    public enum Kind
    {
        Pbkdf2,
        Scrypt,
    }

    public static bool TryParse(string? stored, [NotNullWhen(true)] out WerkzeugHash? hash)
    {
        hash = null;
        var parts = stored?.Split('$', 3);
        if (parts is not { Length: 3 } || !IsLowerHex(parts[2]))
        {
            return false;
        }

        var method = parts[0].Split(':');
        var digest = Convert.FromHexString(parts[2]);
        hash = method[0] switch
        {
            "pbkdf2" => ParsePbkdf2(method, parts[1], digest),
            "scrypt" => ParseScrypt(method, parts[1], digest),
            _ => null,
        };
        return hash is not null;
    }

    /// <summary>Recomputes the digest for <paramref name="password"/> (UTF-8, as Python's <c>str.encode()</c>).</summary>
    public byte[] Compute(ReadOnlySpan<byte> password)
    {
        var salt = System.Text.Encoding.UTF8.GetBytes(Salt);
        return Method == Kind.Pbkdf2
            ? Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, Prf, Digest.Length)
            : Scrypt.DeriveKey(password, salt, ScryptN, ScryptR, ScryptP, ScryptDigestLength);
    }

    private static WerkzeugHash? ParsePbkdf2(string[] method, string salt, byte[] digest)
    {
        if (method.Length > 3)
        {
            return null;
        }

        var prf = method.Length > 1 ? PrfNamed(method[1]) : HashAlgorithmName.SHA256;
        var iterations = WerkzeugDefaultPbkdf2Iterations;
        if (prf is not { } known
            || (method.Length == 3 && !TryParsePositive(method[2], out iterations))
            || digest.Length != DigestLength(known))
        {
            return null;
        }

        return new WerkzeugHash(Kind.Pbkdf2, known, iterations, method.Length == 3, 0, 0, 0, salt, digest);
    }

    private static WerkzeugHash? ParseScrypt(string[] method, string salt, byte[] digest)
    {
        int n = 32768, r = 8, p = 1;
        var parametersOk = method.Length switch
        {
            1 => true,
            4 => TryParsePositive(method[1], out n) && TryParsePositive(method[2], out r) && TryParsePositive(method[3], out p),
            _ => false,
        };
        return parametersOk && Scrypt.AreSupported(n, r, p) && digest.Length == ScryptDigestLength
            ? new WerkzeugHash(Kind.Scrypt, default, 0, false, n, r, p, salt, digest)
            : null;
    }

    private static HashAlgorithmName? PrfNamed(string name) => name switch
    {
        "sha1" => HashAlgorithmName.SHA1,
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static int DigestLength(HashAlgorithmName prf) =>
        prf == HashAlgorithmName.SHA1 ? 20
        : prf == HashAlgorithmName.SHA256 ? 32
        : prf == HashAlgorithmName.SHA384 ? 48
        : 64;

    private static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>Werkzeug compares the lower-case hex text, so upper case never matches there either.</summary>
    private static bool IsLowerHex(string text) =>
        text.Length > 0 && text.Length % 2 == 0 && text.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    public override string ToString() => $"WerkzeugHash({Method})";
}
