using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DipTrader.Data.Security;

/// <summary>
/// Password hashes in Werkzeug's format, so the predecessor's <c>users.password_hash</c> rows verify and
/// the Python app could still verify ours. New hashes: <c>pbkdf2:sha256:600000$SALT$HEX</c>, exactly what
/// <c>generate_password_hash(pw, method='pbkdf2:sha256:600000', salt_length=16)</c> writes.
/// </summary>
public static class WerkzeugPasswordHasher
{
    public const int CurrentIterations = 600_000;
    public const int SaltLength = 16;

    private const string SaltAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int Sha256Length = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A hash at the current policy of a random password nobody knows, for unknown users.
    private static readonly Lazy<string> DummyHash = new(() => Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Hashes a new password at the current policy.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = new string(RandomNumberGenerator.GetItems(SaltAlphabet.AsSpan(), SaltLength));
        var passwordBytes = Utf8OrThrow(password);
        var digest = Rfc2898DeriveBytes.Pbkdf2(passwordBytes, Encoding.UTF8.GetBytes(salt), CurrentIterations, HashAlgorithmName.SHA256, Sha256Length);
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $"pbkdf2:sha256:{CurrentIterations}${salt}${Convert.ToHexStringLower(digest)}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="storedHash"/> (pbkdf2 with sha1,
    /// sha256, sha384 or sha512 and any iteration count, or scrypt). A malformed or unsupported hash is
    /// false, never an exception. The digests are compared in constant time.
    /// </summary>
    public static bool Verify(string? password, string? storedHash)
    {
        if (password is null || !WerkzeugHash.TryParse(storedHash, out var hash) || !TryUtf8(password, out var passwordBytes))
        {
            return false;
        }

        var actual = hash.Compute(passwordBytes);
        try
        {
            return CryptographicOperations.FixedTimeEquals(actual, hash.Digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(actual);
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    /// <summary>
    /// Spends the time of a real verification and returns false: call it when the email is unknown so
    /// that the response time does not tell which accounts exist.
    /// </summary>
    public static bool VerifyDummy(string? password)
    {
        Verify(password ?? "", DummyHash.Value);
        return false;
    }

    /// <summary>
    /// True for anything but <c>pbkdf2:sha256:N</c> with N at least 600,000 and a 16-character salt:
    /// fewer iterations, no count written (its meaning depends on the Werkzeug version), sha1/sha384/
    /// sha512, scrypt (one format for all rows, and scrypt costs 32 MiB per login here), or a hash that
    /// cannot be read. Call after a successful
    /// <see cref="Verify"/> and store <see cref="Hash"/> of the same password.
    /// </summary>
    public static bool NeedsRehash(string? storedHash) =>
        !WerkzeugHash.TryParse(storedHash, out var hash)
        || hash.Method != WerkzeugHash.Kind.Pbkdf2
        || hash.Prf != HashAlgorithmName.SHA256
        || !hash.IterationsGiven
        || hash.Iterations < CurrentIterations
        || hash.Salt.Length < SaltLength;

    private static byte[] Utf8OrThrow(string password) =>
        TryUtf8(password, out var bytes)
            ? bytes
            : throw new ArgumentException("The password is not valid Unicode text.", nameof(password));

    // Python's str.encode() refuses lone surrogates, so Werkzeug could never have hashed one.
    private static bool TryUtf8(string password, out byte[] bytes)
    {
        try
        {
            bytes = StrictUtf8.GetBytes(password);
            return true;
        }
        catch (EncoderFallbackException)
        {
            bytes = [];
            return false;
        }
    }
}
