using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace DipTrader.Web.Hosting;

/// <summary>
/// Encrypts the data-protection key ring at rest with a key derived from <c>SECRET_KEY</c> (AES-256-GCM), so
/// the ring can live in the shared database: every web instance with the same SECRET_KEY reads it, and a
/// database dump alone cannot forge session cookies.
/// </summary>
public sealed class SecretKeyXmlEncryptor(SecretKeyMaterial key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with a key derived from SECRET_KEY. "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(SecretKeyXmlDecryptor));
    }
}

/// <summary>Reverses <see cref="SecretKeyXmlEncryptor"/>; a wrong SECRET_KEY fails here (sessions then need a new login).</summary>
public sealed class SecretKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<SecretKeyMaterial>();
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>The 256-bit key HKDF derives from SECRET_KEY for the key ring.</summary>
public sealed class SecretKeyMaterial(string secretKey)
{
    public byte[] Bytes { get; } = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secretKey), 32, info: Encoding.UTF8.GetBytes("diptrader-data-protection"));
}
