using System.Security.Cryptography;
using System.Text;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// One user's Phemex API key. The key and secret are readable only inside this assembly; <see cref="ToString"/>
/// and <see cref="Fingerprint"/> are safe to log.
/// </summary>
public sealed class PhemexCredentials
{
    public PhemexCredentials(string apiKey, string apiSecret, bool testnet)
    {
        // The values are never echoed: an exception message may end up in a log.
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The Phemex API key is empty.", nameof(apiKey));
        }
        if (string.IsNullOrWhiteSpace(apiSecret))
        {
            throw new ArgumentException("The Phemex API secret is empty.", nameof(apiSecret));
        }
        ApiKey = apiKey;
        SecretKeyBytes = Encoding.UTF8.GetBytes(apiSecret);
        Testnet = testnet;
        Fingerprint = FingerprintOf(apiKey);
    }

    public bool Testnet { get; }

    /// <summary>The first 8 hex digits of the key's SHA-256: enough to tell keys apart in logs, useless to an attacker.</summary>
    public string Fingerprint { get; }

    internal string ApiKey { get; }

    /// <summary>The HMAC key: the UTF-8 bytes of the secret as Phemex hands it out (reference A.2, G.1).</summary>
    internal byte[] SecretKeyBytes { get; }

    public override string ToString() => $"Phemex key #{Fingerprint}{(Testnet ? " (testnet)" : "")}";

    internal static string FingerprintOf(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 4));

    /// <summary>Replaces the key wherever Phemex echoed it back (e.g. "Api key not found &lt;key&gt;").</summary>
    internal string Redact(string text) =>
        text.Replace(ApiKey, $"#{Fingerprint}", StringComparison.Ordinal);
}
