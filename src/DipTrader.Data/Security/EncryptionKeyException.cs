namespace DipTrader.Data.Security;

/// <summary>
/// ENCRYPTION_KEY / ENCRYPTION_KEYS is missing or not a Fernet key. The message names the setting and
/// what a valid key looks like; it never contains the key.
/// </summary>
public sealed class EncryptionKeyException : Exception
{
    public EncryptionKeyException()
        : base("The encryption key setting is invalid.")
    {
    }

    public EncryptionKeyException(string message)
        : base(message)
    {
    }

    public EncryptionKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
