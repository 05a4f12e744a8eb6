using System.Text.Json;
using System.Text.Json.Serialization;
using DipTrader.Data.Security;

namespace DipTrader.Data.Tests.Security;

/// <summary>
/// Werkzeug-format hashes: the checked-in ones Reference/make_werkzeug_hashes.py made verify here, and
/// ours verify in Werkzeug.
/// </summary>
public sealed class WerkzeugPasswordHasherTests
{
    private static readonly WerkzeugHashes Reference = JsonSerializer.Deserialize<WerkzeugHashes>(
        File.ReadAllText(SecurityTestFiles.PathOf("Reference/werkzeug_hashes.json")))!;

    /// <summary>Every reference hash by its position; several share a method, so the method alone is no unique id.</summary>
    public static TheoryData<int, string> Methods()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Reference.Hashes.Length; i++)
        {
            data.Add(i, Reference.Hashes[i].Method);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Hashes_made_by_werkzeug_verify_and_wrong_passwords_fail(int index, string method)
    {
        var reference = Reference.Hashes[index];
        Assert.Equal(method, reference.Method);
        Assert.True(WerkzeugPasswordHasher.Verify(reference.Password, reference.Hash));
        Assert.False(WerkzeugPasswordHasher.Verify(reference.Password + "x", reference.Hash));
        Assert.False(WerkzeugPasswordHasher.Verify(reference.Password.ToUpperInvariant() + "!", reference.Hash));
    }

    [Fact]
    public void New_hashes_have_werkzeugs_exact_shape()
    {
        var hash = WerkzeugPasswordHasher.Hash("a new password");
        Assert.Matches("^pbkdf2:sha256:600000\\$[A-Za-z0-9]{16}\\$[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, WerkzeugPasswordHasher.Hash("a new password"));
        Assert.True(WerkzeugPasswordHasher.Verify("a new password", hash));
        Assert.False(WerkzeugPasswordHasher.Verify("a new passwort", hash));
        Assert.False(WerkzeugPasswordHasher.NeedsRehash(hash));
    }

    [Fact]
    public void Hashes_made_here_verify_in_werkzeug()
    {
        PythonReference.SkipUnlessAvailable();
        var passwords = new[] { "correct horse battery staple", "Grüße aus Köln – 密码", " spaces ", "🔑-emoji-password" };
        var cases = passwords.Select(p => new OurHash(p, WerkzeugPasswordHasher.Hash(p))).ToArray();
        const string Script = """
            import json, sys
            from werkzeug.security import check_password_hash
            cases = json.load(sys.stdin)
            print(json.dumps([[check_password_hash(c["hash"], c["password"]),
                               check_password_hash(c["hash"], c["password"] + "x")] for c in cases]))
            """;
        var results = JsonSerializer.Deserialize<bool[][]>(PythonReference.Run(Script, JsonSerializer.Serialize(cases)))!;
        Assert.All(results, r => Assert.Equal([true, false], r));
    }

    [Theory]
    [InlineData("pbkdf2:sha256:600000", false)]
    [InlineData("pbkdf2:sha256", false)]
    [InlineData("pbkdf2:sha256:260000", true)]
    [InlineData("pbkdf2:sha256:150000", true)]
    [InlineData("pbkdf2:sha1:1000", true)]
    [InlineData("pbkdf2:sha512:210000", true)]
    [InlineData("scrypt", true)]
    [InlineData("pbkdf2:sha256 (no count)", true)]
    public void Needs_rehash_follows_the_policy_for_werkzeug_hashes(string method, bool expected)
    {
        var reference = Reference.Hashes.First(h => h.Method == method);
        Assert.Equal(expected, WerkzeugPasswordHasher.NeedsRehash(reference.Hash));
    }

    [Fact]
    public void Needs_rehash_for_a_short_salt_even_at_the_current_count()
    {
        Assert.True(WerkzeugPasswordHasher.NeedsRehash("pbkdf2:sha256:600000$abcdefgh$" + new string('0', 64)));
        Assert.False(WerkzeugPasswordHasher.NeedsRehash("pbkdf2:sha256:1000000$abcdefghijklmnop$" + new string('0', 64)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("sha256$salt$0123")]
    [InlineData("plain$$secret")]
    [InlineData("pbkdf2:sha256:600000$salt")]
    [InlineData("pbkdf2:sha256:0$salt$00")]
    [InlineData("pbkdf2:sha256:-5$salt$00")]
    [InlineData("pbkdf2:sha256:abc$salt$00")]
    [InlineData("pbkdf2:md5:1000$salt$00")]
    [InlineData("pbkdf2:sha256:1000:9$salt$00")]
    [InlineData("pbkdf2:sha256:1000$salt$zz")]
    [InlineData("pbkdf2:sha256:1000$salt$ABCDEF")]
    [InlineData("pbkdf2:sha256:1000$salt$0011")]
    [InlineData("scrypt:16384:8$salt$00")]
    [InlineData("scrypt:1000:8:1$salt$00")]
    [InlineData("scrypt:1048576:8:1$salt$00")]
    [InlineData("bcrypt$2b$12$abcdefghijklmnopqrstuv")]
    public void Malformed_or_unsupported_hashes_are_false_and_need_rehash(string? stored)
    {
        Assert.False(WerkzeugPasswordHasher.Verify("whatever password", stored));
        Assert.True(WerkzeugPasswordHasher.NeedsRehash(stored));
    }

    [Fact]
    public void Upper_case_hex_fails_as_it_does_in_werkzeug()
    {
        var hash = WerkzeugPasswordHasher.Hash("pw-for-case-test");
        var at = hash.LastIndexOf('$') + 1;
        Assert.False(WerkzeugPasswordHasher.Verify("pw-for-case-test", hash[..at] + hash[at..].ToUpperInvariant()));
    }

    [Fact]
    public void Null_or_unencodable_passwords_never_verify()
    {
        var hash = Reference.Hashes.First(h => h.Method == "pbkdf2:sha1:1000").Hash;
        Assert.False(WerkzeugPasswordHasher.Verify(null, hash));
        Assert.False(WerkzeugPasswordHasher.Verify("lone \ud800 surrogate", hash));
        Assert.Throws<ArgumentException>(() => WerkzeugPasswordHasher.Hash("lone \ud800 surrogate"));
    }

    [Fact]
    public void The_dummy_verification_is_always_false()
    {
        Assert.False(WerkzeugPasswordHasher.VerifyDummy("any password"));
        Assert.False(WerkzeugPasswordHasher.VerifyDummy(null));
    }

    private sealed record WerkzeugHashes([property: JsonPropertyName("hashes")] ReferenceHash[] Hashes);

    private sealed record ReferenceHash(
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("password")] string Password,
        [property: JsonPropertyName("hash")] string Hash);

    private sealed record OurHash(
        [property: JsonPropertyName("password")] string Password,
        [property: JsonPropertyName("hash")] string Hash);
}
