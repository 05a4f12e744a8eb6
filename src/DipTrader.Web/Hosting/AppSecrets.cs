using System.Security.Cryptography;
using System.Text.Json;
using DipTrader.Data.Security;

namespace DipTrader.Web.Hosting;

/// <summary>
/// The two secrets the web app needs: <c>SECRET_KEY</c> (protects the session-cookie key ring) and
/// <c>ENCRYPTION_KEY</c>/<c>ENCRYPTION_KEYS</c> (encrypts exchange keys and Telegram tokens). Production refuses
/// to start without them; Development makes them once under <c>./data</c> so a fresh clone just runs.
/// </summary>
public sealed class AppSecrets
{
    public const string SecretKeySetting = "SECRET_KEY";
    private const string DevelopmentFile = "dev-secrets.json";

    private AppSecrets(string secretKey, SecretBox box, bool generated)
    {
        SecretKey = secretKey;
        Box = box;
        Generated = generated;
    }

    public string SecretKey { get; }
    public SecretBox Box { get; }

    /// <summary>True when Development generated the secrets (a warning is logged).</summary>
    public bool Generated { get; }

    public static AppSecrets Resolve(IConfiguration configuration, bool isDevelopment, string dataDirectory)
    {
        var secretKey = configuration[SecretKeySetting];
        var keys = configuration[SecretBox.KeysSetting];
        var key = configuration[SecretBox.KeySetting];
        var haveEncryption = !string.IsNullOrWhiteSpace(keys) || !string.IsNullOrWhiteSpace(key);
        if (!string.IsNullOrWhiteSpace(secretKey) && haveEncryption)
        {
            return new AppSecrets(Validate(secretKey), SecretBox.Create(keys, key), generated: false);
        }
        if (!isDevelopment)
        {
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(secretKey))
            {
                missing.Add($"{SecretKeySetting} (at least 32 random characters, e.g. `openssl rand -hex 32`)");
            }
            if (!haveEncryption)
            {
                missing.Add($"{SecretBox.KeySetting} (a Fernet key, e.g. from `diptrader keygen`; the Python app's key works unchanged)");
            }
            throw new InvalidOperationException($"DipTrader refuses to start in production without: {string.Join("; ", missing)}.");
        }
        var stored = LoadOrCreateDevelopmentSecrets(dataDirectory);
        return new AppSecrets(
            string.IsNullOrWhiteSpace(secretKey) ? stored.SecretKey : Validate(secretKey),
            haveEncryption ? SecretBox.Create(keys, key) : SecretBox.Create(null, stored.EncryptionKey),
            generated: true);
    }

    private static string Validate(string secretKey) => secretKey.Trim().Length >= 32
        ? secretKey.Trim()
        : throw new InvalidOperationException($"{SecretKeySetting} must be at least 32 characters long (e.g. `openssl rand -hex 32`).");

    private static DevelopmentSecrets LoadOrCreateDevelopmentSecrets(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentFile);
        if (File.Exists(path) && JsonSerializer.Deserialize<DevelopmentSecrets>(File.ReadAllText(path)) is { } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(dataDirectory);
        var created = new DevelopmentSecrets(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), SecretBox.GenerateKey());
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return created;
    }

    private sealed record DevelopmentSecrets(string SecretKey, string EncryptionKey);
}
