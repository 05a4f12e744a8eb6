using System.Text.Json;
using System.Text.Json.Serialization;
using DipTrader.Data.Security;

namespace DipTrader.Data.Tests.Security;

/// <summary>
/// Tokens travel both ways with Python's <c>cryptography</c>: the checked-in tokens that
/// Reference/make_fernet_tokens.py made decrypt here, and ours decrypt in Python.
/// </summary>
public sealed class FernetPythonCompatibilityTests
{
    private static readonly PythonTokens Reference = JsonSerializer.Deserialize<PythonTokens>(
        File.ReadAllText(SecurityTestFiles.PathOf("Reference/fernet_tokens.json")))!;

    [Fact]
    public void Tokens_made_by_python_decrypt_with_their_key()
    {
        Assert.NotEmpty(Reference.Tokens);
        foreach (var token in Reference.Tokens)
        {
            var box = SecretBox.Create(null, token.Key);
            Assert.Equal(token.Plaintext, box.Decrypt(token.Token));
            if (token.Timestamp is { } timestamp)
            {
                Assert.True(FernetToken.TryDecode(token.Token, out var data));
                Assert.Equal((ulong)timestamp, FernetToken.TimestampOf(data));
            }
        }
    }

    [Fact]
    public void A_ring_of_new_and_old_keys_reads_every_python_token_and_rotates_the_old_ones()
    {
        var ring = SecretBox.Create($"{Reference.NewKey},{Reference.OldKey}", null);
        foreach (var token in Reference.Tokens)
        {
            Assert.Equal(token.Plaintext, ring.Decrypt(token.Token));
            Assert.Equal(token.Key == Reference.OldKey, ring.NeedsRotation(token.Token));
            Assert.Equal(token.Plaintext, SecretBox.Create(null, Reference.NewKey).Decrypt(ring.Rotate(token.Token)));
        }
    }

    [Fact]
    public void Tokens_made_here_decrypt_in_python_including_rotated_ones()
    {
        PythonReference.SkipUnlessAvailable();
        var oldBox = SecretBox.Create(null, Reference.OldKey);
        var ring = SecretBox.Create(Reference.NewKey, Reference.OldKey);
        var plaintexts = new[] { "hello", "pHeMeX-aPi-KeY-0123456789abcdef", "Grüße 密钥 🔑", new string('z', 333) };
        var cases = plaintexts.Select(p => new OurToken(Reference.NewKey, p, ring.Encrypt(p)))
            .Append(new OurToken(Reference.NewKey, "rotated here", ring.Rotate(oldBox.Encrypt("rotated here"))))
            .Append(new OurToken(Reference.NewKey, "unpadded key", SecretBox.Create(null, Reference.NewKey.TrimEnd('=')).Encrypt("unpadded key")))
            .ToArray();

        const string Script = """
            import json, sys
            from cryptography.fernet import Fernet
            cases = json.load(sys.stdin)
            print(json.dumps([Fernet(c["key"]).decrypt(c["token"]).decode() for c in cases]))
            """;
        var decrypted = JsonSerializer.Deserialize<string[]>(PythonReference.Run(Script, JsonSerializer.Serialize(cases)));
        Assert.Equal(cases.Select(c => c.Plaintext), decrypted);
    }

    [Fact]
    public void A_key_made_here_is_accepted_by_python()
    {
        PythonReference.SkipUnlessAvailable();
        var key = SecretBox.GenerateKey();
        const string Script = """
            import sys
            from cryptography.fernet import Fernet
            f = Fernet(sys.stdin.read().strip())
            print(f.decrypt(f.encrypt(b"ok")).decode())
            """;
        Assert.Equal("ok", PythonReference.Run(Script, key).Trim());
    }

    private sealed record PythonTokens(
        [property: JsonPropertyName("new_key")] string NewKey,
        [property: JsonPropertyName("old_key")] string OldKey,
        [property: JsonPropertyName("tokens")] PythonToken[] Tokens);

    private sealed record PythonToken(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("plaintext")] string Plaintext,
        [property: JsonPropertyName("timestamp")] long? Timestamp,
        [property: JsonPropertyName("token")] string Token);

    private sealed record OurToken(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("plaintext")] string Plaintext,
        [property: JsonPropertyName("token")] string Token);
}
