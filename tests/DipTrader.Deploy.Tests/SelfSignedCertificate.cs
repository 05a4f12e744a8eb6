using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DipTrader.Deploy.Tests;

/// <summary>A throwaway certificate for <c>localhost</c>, written as the PEM files nginx reads; clients pin it by thumbprint.</summary>
internal sealed class SelfSignedCertificate
{
    private SelfSignedCertificate(string certificatePath, string keyPath, string thumbprint)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Thumbprint = thumbprint;
    }

    public string CertificatePath { get; }
    public string KeyPath { get; }
    public string Thumbprint { get; }

    public static SelfSignedCertificate Create(string directory, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        var certificatePath = Path.Combine(directory, "localhost.crt");
        var keyPath = Path.Combine(directory, "localhost.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new SelfSignedCertificate(certificatePath, keyPath, certificate.Thumbprint);
    }
}
