namespace DipTrader.Data.Security;

/// <summary>
/// A stored secret that no configured key can decrypt (wrong ENCRYPTION_KEY, a damaged value, or too
/// old for the age asked for). The message never contains the token or any plaintext.
/// </summary>
public sealed class SecretDecryptionException : Exception
{
    public SecretDecryptionException()
        : base(SecretBox.UndecryptableMessage)
    {
    }

    public SecretDecryptionException(string message)
        : base(message)
    {
    }

    public SecretDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
