using DipTrader.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Data.Tests.Security;

public sealed class SecretBoxTests
{
    private const string Secret = "phemex-api-secret-0123456789";
    private static readonly string NewKey = SecretBox.GenerateKey();
    private static readonly string OldKey = SecretBox.GenerateKey();

    [Fact]
    public void Generated_keys_look_like_pythons_and_differ()
    {
        Assert.Equal(44, NewKey.Length);
        Assert.EndsWith("=", NewKey, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]{43}=$", NewKey);
        Assert.NotEqual(NewKey, OldKey);
        Assert.Null(SecretBox.ValidateKey(NewKey));
    }

    [Fact]
    public void Encrypt_then_decrypt_round_trips_and_tokens_differ_each_time()
    {
        var box = SecretBox.Create(null, NewKey);
        var first = box.Encrypt(Secret);
        var second = box.Encrypt(Secret);
        Assert.NotEqual(first, second);
        Assert.StartsWith("gAAAAA", first, StringComparison.Ordinal);
        Assert.Equal(Secret, box.Decrypt(first));
        Assert.Equal(Secret, box.Decrypt(second));
    }

    [Fact]
    public void Keys_and_tokens_are_accepted_without_padding_and_with_surrounding_whitespace()
    {
        var box = SecretBox.Create(null, NewKey.TrimEnd('=') + "\n");
        var token = box.Encrypt(Secret);
        Assert.Equal(Secret, box.Decrypt(token.TrimEnd('=')));
        Assert.Equal(Secret, box.Decrypt(" " + token + "\r\n"));
    }

    [Fact]
    public void Wrong_padding_is_refused()
    {
        var box = SecretBox.Create(null, NewKey);
        // Ciphertexts of 1, 2 and 3 blocks: tokens with one, no and two padding characters.
        foreach (var secret in new[] { "a", new string('b', 20), new string('c', 40) })
        {
            var token = box.Encrypt(secret);
            Assert.False(box.TryDecrypt(token + "=", out _));
            Assert.False(box.TryDecrypt(token + "===", out _));
            Assert.False(box.TryDecrypt(token[..20] + "=" + token[20..], out _));
        }
    }

    [Fact]
    public void Every_tampered_byte_is_detected()
    {
        var box = SecretBox.Create(null, NewKey);
        var token = box.Encrypt(Secret);
        Assert.True(FernetToken.TryDecode(token, out var data));
        for (var i = 0; i < data.Length; i++)
        {
            var tampered = (byte[])data.Clone();
            tampered[i] ^= 0x01;
            Assert.False(box.TryDecrypt(Base64UrlText.Encode(tampered), out _), $"a flipped bit at byte {i} was accepted");
        }
    }

    [Fact]
    public void A_token_from_another_key_is_refused_with_a_message_free_of_secrets()
    {
        var token = SecretBox.Create(null, OldKey).Encrypt(Secret);
        var box = SecretBox.Create(null, NewKey);
        var error = Assert.Throws<SecretDecryptionException>(() => box.Decrypt(token));
        Assert.Contains("ENCRYPTION_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NewKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("gAAAAA")]
    public void Garbage_is_refused_without_throwing_from_TryDecrypt(string token)
    {
        var box = SecretBox.Create(null, NewKey);
        Assert.False(box.TryDecrypt(token, out _));
        Assert.False(box.TryDecrypt(null, out _));
        Assert.Throws<SecretDecryptionException>(() => box.Decrypt(token));
    }

    [Fact]
    public void Ttl_is_checked_against_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var box = SecretBox.Create(null, NewKey, clock);
        var token = box.Encrypt(Secret);

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(Secret, box.Decrypt(token, TimeSpan.FromSeconds(60)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(box.TryDecrypt(token, out _, TimeSpan.FromSeconds(60)));
        Assert.Equal(Secret, box.Decrypt(token));
    }

    [Fact]
    public void A_token_dated_more_than_a_minute_ahead_fails_a_ttl_check()
    {
        var madeAt = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var token = SecretBox.Create(null, NewKey, new FakeTimeProvider(madeAt)).Encrypt(Secret);
        var minuteEarlier = SecretBox.Create(null, NewKey, new FakeTimeProvider(madeAt.AddSeconds(-60)));
        Assert.Equal(Secret, minuteEarlier.Decrypt(token, TimeSpan.FromSeconds(10)));
        var tooEarly = SecretBox.Create(null, NewKey, new FakeTimeProvider(madeAt.AddSeconds(-61)));
        Assert.False(tooEarly.TryDecrypt(token, out _, TimeSpan.FromSeconds(10)));
        Assert.Equal(Secret, tooEarly.Decrypt(token));
    }

    [Fact]
    public void Empty_secrets_are_refused_like_the_predecessor()
    {
        var box = SecretBox.Create(null, NewKey);
        Assert.Throws<ArgumentException>(() => box.Encrypt(""));
    }

    [Fact]
    public void ToString_shows_no_key_material()
    {
        var box = SecretBox.Create(NewKey + "," + OldKey, null);
        Assert.Equal("SecretBox(2 key(s))", box.ToString());
        Assert.True(FernetKey.TryParse(NewKey, out var key));
        Assert.DoesNotContain(NewKey.TrimEnd('='), key.ToString(), StringComparison.Ordinal);
    }
}
