using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DipTrader.Data.Security;

/// <summary>
/// Encrypts secrets at rest (exchange keys, Telegram tokens) as Fernet tokens that Python's
/// <c>cryptography</c> reads and writes. A key ring like Python's <c>MultiFernet</c>: encrypts with the
/// first key, decrypts with any, and re-encrypts old tokens with the first key for rotation.
/// Immutable and thread-safe: one per process.
/// </summary>
public sealed class SecretBox
{
    /// <summary>Comma-separated keys, newest (the one that encrypts) first.</summary>
    public const string KeysSetting = "ENCRYPTION_KEYS";

    /// <summary>The predecessor's single key; with <see cref="KeysSetting"/> set too it is the oldest key.</summary>
    public const string KeySetting = "ENCRYPTION_KEY";

    internal const string UndecryptableMessage =
        "A stored secret could not be decrypted with any configured key (" + KeysSetting + " / " + KeySetting
        + "): it was encrypted with another key or it is damaged.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FernetKey[] keys;
    private readonly TimeProvider time;

    internal SecretBox(IReadOnlyList<FernetKey> keys, TimeProvider time)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("A secret box needs at least one key.", nameof(keys));
        }

        this.keys = [.. keys];
        this.time = time;
    }

    /// <summary>How many keys can decrypt (the first also encrypts).</summary>
    public int KeyCount => keys.Length;

    /// <summary>
    /// Builds the key ring from the two settings' values: <c>ENCRYPTION_KEYS=new,old,...</c> and/or
    /// <c>ENCRYPTION_KEY</c> (appended as the oldest key when both are set). Throws
    /// <see cref="EncryptionKeyException"/> with a message fit for an operator.
    /// </summary>
    public static SecretBox Create(string? encryptionKeys, string? encryptionKey, TimeProvider? time = null) =>
        TryCreate(encryptionKeys, encryptionKey, out var box, out var error, time)
            ? box
            : throw new EncryptionKeyException(error);

    /// <inheritdoc cref="Create"/>
    public static bool TryCreate(
        string? encryptionKeys,
        string? encryptionKey,
        [NotNullWhen(true)] out SecretBox? box,
        [NotNullWhen(false)] out string? error,
        TimeProvider? time = null)
    {
        box = null;
        var ring = new List<FernetKey>();
        var entries = (encryptionKeys ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var setting = entries.Length == 1 ? KeysSetting : string.Create(CultureInfo.InvariantCulture, $"{KeysSetting} (entry {i + 1})");
            if (!TryAddKey(ring, entries[i], setting, out error))
            {
                return false;
            }
        }

        if (!string.IsNullOrWhiteSpace(encryptionKey) && !TryAddKey(ring, encryptionKey, KeySetting, out error))
        {
            return false;
        }

        if (ring.Count == 0)
        {
            error = $"No encryption key is configured: set {KeySetting} (or {KeysSetting}=new,old for rotation) "
                + "to a Fernet key; `diptrader keygen` prints a new one. Keep the key of an existing "
                + "database: without it the stored exchange keys cannot be read.";
            return false;
        }

        error = null;
        box = new SecretBox(ring, time ?? TimeProvider.System);
        return true;
    }

    /// <summary>Null when <paramref name="key"/> is a valid Fernet key, else a message naming the setting.</summary>
    public static string? ValidateKey(string? key, string settingName = KeySetting) =>
        FernetKey.TryParse(key, out _) ? null : InvalidKeyMessage(settingName);

    /// <summary>A new random key for <c>diptrader keygen</c>, as Python's <c>Fernet.generate_key()</c> prints it.</summary>
    public static string GenerateKey() => FernetKey.Generate();

    /// <summary>Encrypts UTF-8 text with the first key; the token carries the current time.</summary>
    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (plaintext.Length == 0)
        {
            throw new ArgumentException("An empty secret cannot be encrypted.", nameof(plaintext));
        }

        var bytes = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return FernetToken.Encrypt(keys[0], bytes, NowSeconds());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Decrypts with whichever key made the token. With <paramref name="maxAge"/>, older tokens (or
    /// ones dated over a minute ahead) are refused. Throws <see cref="SecretDecryptionException"/>.
    /// </summary>
    public string Decrypt(string token, TimeSpan? maxAge = null) =>
        TryDecrypt(token, out var plaintext, maxAge) ? plaintext : throw new SecretDecryptionException(UndecryptableMessage);

    /// <inheritdoc cref="Decrypt"/>
    public bool TryDecrypt(string? token, [NotNullWhen(true)] out string? plaintext, TimeSpan? maxAge = null)
    {
        plaintext = null;
        if (!FernetToken.TryDecode(token, out var data))
        {
            return false;
        }

        FernetToken.TokenAge? age = maxAge is { } limit
            ? new FernetToken.TokenAge(time.GetUtcNow().ToUnixTimeSeconds(), (long)limit.TotalSeconds)
            : null;
        foreach (var key in keys)
        {
            if (FernetToken.TryDecrypt(key, data, age, out var bytes))
            {
                return TryReadText(bytes, out plaintext);
            }
        }

        return false;
    }

    /// <summary>
    /// True when the first key did not make <paramref name="token"/>, so <see cref="Rotate"/> would
    /// change it. Also true for a token no key can read; <see cref="Rotate"/> then throws.
    /// </summary>
    public bool NeedsRotation(string token) =>
        !FernetToken.TryDecode(token, out var data) || !FernetToken.IsSignedBy(keys[0], data);

    /// <summary>
    /// Re-encrypts with the first key, keeping the token's timestamp (as Python's
    /// <c>MultiFernet.rotate</c>). Throws <see cref="SecretDecryptionException"/> when no key can read it.
    /// </summary>
    public string Rotate(string token)
    {
        if (FernetToken.TryDecode(token, out var data))
        {
            foreach (var key in keys)
            {
                if (FernetToken.TryDecrypt(key, data, age: null, out var plaintext))
                {
                    try
                    {
                        return FernetToken.Encrypt(keys[0], plaintext, FernetToken.TimestampOf(data));
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(plaintext);
                    }
                }
            }
        }

        throw new SecretDecryptionException(UndecryptableMessage);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SecretBox({keys.Length} key(s))");

    internal static string InvalidKeyMessage(string settingName) =>
        $"{settingName} is not a valid Fernet key: it must be 32 random bytes in URL-safe base64 "
        + "(44 characters of A-Z, a-z, 0-9, '-' and '_', ending in '='), as printed by `diptrader keygen` "
        + "or Python's Fernet.generate_key().";

    private static bool TryAddKey(List<FernetKey> ring, string text, string settingName, [NotNullWhen(false)] out string? error)
    {
        if (!FernetKey.TryParse(text, out var key))
        {
            error = InvalidKeyMessage(settingName);
            return false;
        }

        if (!ring.Exists(existing => existing.HasSameBytesAs(key)))
        {
            ring.Add(key);
        }

        error = null;
        return true;
    }

    private static bool TryReadText(byte[] bytes, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private ulong NowSeconds() => (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeSeconds());
}
