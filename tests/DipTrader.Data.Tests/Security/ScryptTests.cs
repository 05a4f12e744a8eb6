using System.Text;
using DipTrader.Data.Security;

namespace DipTrader.Data.Tests.Security;

public sealed class ScryptTests
{
    /// <summary>
    /// RFC 7914 §12 test vectors (the 1 GiB one left out), reproduced as data; Python's hashlib.scrypt
    /// (OpenSSL) gives the same values.
    /// </summary>
    [Theory]
    [InlineData("", "", 16, 1, 1,
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16,
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [InlineData("pleaseletmein", "SodiumChloride", 16384, 8, 1,
        "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")]
    public void Rfc7914_vectors(string password, string salt, int n, int r, int p, string expectedHex)
    {
        var key = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), n, r, p, 64);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(key));
    }

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(1, 8, 1)]
    [InlineData(1000, 8, 1)]
    [InlineData(16, 0, 1)]
    [InlineData(16, 1, 0)]
    [InlineData(1 << 20, 8, 1)]
    public void Unsupported_parameters_are_refused(int n, int r, int p)
    {
        Assert.False(Scrypt.AreSupported(n, r, p));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scrypt.DeriveKey([], [], n, r, p, 64));
    }

    [Fact]
    public void Werkzeugs_default_parameters_are_supported()
    {
        Assert.True(Scrypt.AreSupported(32768, 8, 1));
    }
}
