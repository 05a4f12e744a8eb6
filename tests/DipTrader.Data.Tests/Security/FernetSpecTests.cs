using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DipTrader.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Data.Tests.Security;

/// <summary>The official vectors of the Fernet specification (Vectors/fernet_spec.json).</summary>
public sealed class FernetSpecTests
{
    private static readonly SpecVectors Vectors = JsonSerializer.Deserialize<SpecVectors>(
        File.ReadAllText(SecurityTestFiles.PathOf("Vectors/fernet_spec.json")))!;

    public static TheoryData<string> InvalidCases() => [.. Vectors.Invalid.Select(v => v.Desc!)];

    [Fact]
    public void Generate_vectors_produce_the_same_token_byte_for_byte()
    {
        Assert.NotEmpty(Vectors.Generate);
        foreach (var vector in Vectors.Generate)
        {
            Assert.True(FernetKey.TryParse(vector.Secret, out var key));
            var iv = vector.Iv!.Select(b => (byte)b).ToArray();
            var token = FernetToken.Encrypt(key, Encoding.UTF8.GetBytes(vector.Src!), (ulong)Now(vector).ToUnixTimeSeconds(), iv);
            Assert.Equal(vector.Token, token);
        }
    }

    [Fact]
    public void Verify_vectors_decrypt_within_their_ttl()
    {
        Assert.NotEmpty(Vectors.Verify);
        foreach (var vector in Vectors.Verify)
        {
            var box = BoxAt(vector);
            Assert.Equal(vector.Src, box.Decrypt(vector.Token!, TimeSpan.FromSeconds(vector.TtlSec)));
        }
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_vectors_are_refused(string description)
    {
        var vector = Vectors.Invalid.Single(v => v.Desc == description);
        var box = BoxAt(vector);
        Assert.False(box.TryDecrypt(vector.Token, out var plaintext, TimeSpan.FromSeconds(vector.TtlSec)));
        Assert.Null(plaintext);
        var error = Assert.Throws<SecretDecryptionException>(() => box.Decrypt(vector.Token!, TimeSpan.FromSeconds(vector.TtlSec)));
        Assert.DoesNotContain(vector.Token!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expired_vector_still_decrypts_without_a_ttl_as_in_python()
    {
        // Its plaintext is empty (as Python's cryptography also reads it).
        var vector = Vectors.Invalid.Single(v => v.Desc == "expired TTL");
        Assert.Equal("", BoxAt(vector).Decrypt(vector.Token!));
    }

    private static SecretBox BoxAt(Vector vector) =>
        SecretBox.Create(null, vector.Secret, new FakeTimeProvider(Now(vector)));

    private static DateTimeOffset Now(Vector vector) =>
        DateTimeOffset.Parse(vector.Now!, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private sealed record SpecVectors(
        [property: JsonPropertyName("generate")] Vector[] Generate,
        [property: JsonPropertyName("verify")] Vector[] Verify,
        [property: JsonPropertyName("invalid")] Vector[] Invalid);

    private sealed record Vector(
        [property: JsonPropertyName("desc")] string? Desc,
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("now")] string? Now,
        [property: JsonPropertyName("iv")] int[]? Iv,
        [property: JsonPropertyName("src")] string? Src,
        [property: JsonPropertyName("ttl_sec")] int TtlSec,
        [property: JsonPropertyName("secret")] string? Secret);
}
