using DipTrader.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Data.Tests.Security;

/// <summary>ENCRYPTION_KEYS / ENCRYPTION_KEY, the key ring and rotation.</summary>
public sealed class KeyRingTests
{
    private const string Secret = "telegram-bot-token:AAE-xyz";
    private static readonly string NewKey = SecretBox.GenerateKey();
    private static readonly string OldKey = SecretBox.GenerateKey();
    private static readonly string OlderKey = SecretBox.GenerateKey();

    [Fact]
    public void The_ring_encrypts_with_the_first_key_and_decrypts_with_any()
    {
        var oldToken = SecretBox.Create(null, OldKey).Encrypt(Secret);
        var olderToken = SecretBox.Create(null, OlderKey).Encrypt(Secret);
        var ring = SecretBox.Create($"{NewKey}, {OldKey} ,{OlderKey}", null);

        Assert.Equal(3, ring.KeyCount);
        Assert.Equal(Secret, ring.Decrypt(oldToken));
        Assert.Equal(Secret, ring.Decrypt(olderToken));
        var fresh = ring.Encrypt(Secret);
        Assert.Equal(Secret, SecretBox.Create(null, NewKey).Decrypt(fresh));
        Assert.False(SecretBox.Create(null, OldKey).TryDecrypt(fresh, out _));
    }

    [Fact]
    public void Encryption_key_joins_the_ring_as_the_oldest_key_and_duplicates_collapse()
    {
        var oldToken = SecretBox.Create(null, OldKey).Encrypt(Secret);
        var ring = SecretBox.Create(NewKey, OldKey);
        Assert.Equal(2, ring.KeyCount);
        Assert.Equal(Secret, ring.Decrypt(oldToken));
        Assert.False(SecretBox.Create(null, OldKey).TryDecrypt(ring.Encrypt(Secret), out _));

        Assert.Equal(2, SecretBox.Create($"{NewKey},{OldKey},{NewKey.TrimEnd('=')},", OldKey).KeyCount);
    }

    [Fact]
    public void Rotation_re_encrypts_old_tokens_with_the_first_key_and_keeps_their_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var oldToken = SecretBox.Create(null, OldKey, clock).Encrypt(Secret);
        clock.Advance(TimeSpan.FromDays(30));
        var ring = SecretBox.Create($"{NewKey},{OldKey}", null, clock);

        Assert.True(ring.NeedsRotation(oldToken));
        var rotated = ring.Rotate(oldToken);
        Assert.False(ring.NeedsRotation(rotated));
        Assert.Equal(Secret, SecretBox.Create(null, NewKey).Decrypt(rotated));
        Assert.True(FernetToken.TryDecode(oldToken, out var before));
        Assert.True(FernetToken.TryDecode(rotated, out var after));
        Assert.Equal(FernetToken.TimestampOf(before), FernetToken.TimestampOf(after));
    }

    [Fact]
    public void A_token_of_the_first_key_needs_no_rotation_and_rotate_still_works()
    {
        var ring = SecretBox.Create($"{NewKey},{OldKey}", null);
        var token = ring.Encrypt(Secret);
        Assert.False(ring.NeedsRotation(token));
        Assert.Equal(Secret, ring.Decrypt(ring.Rotate(token)));
    }

    [Fact]
    public void Rotating_a_token_no_key_can_read_throws_a_clear_error()
    {
        var foreign = SecretBox.Create(null, OlderKey).Encrypt(Secret);
        var ring = SecretBox.Create($"{NewKey},{OldKey}", null);
        Assert.True(ring.NeedsRotation(foreign));
        var error = Assert.Throws<SecretDecryptionException>(() => ring.Rotate(foreign));
        Assert.Contains("could not be decrypted with any configured key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign, error.Message, StringComparison.Ordinal);
        Assert.True(ring.NeedsRotation("garbage"));
        Assert.Throws<SecretDecryptionException>(() => ring.Rotate("garbage"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "  ")]
    [InlineData(" , ,", null)]
    public void Missing_keys_say_which_settings_to_set(string? keys, string? key)
    {
        Assert.False(SecretBox.TryCreate(keys, key, out var box, out var error));
        Assert.Null(box);
        Assert.Contains("ENCRYPTION_KEY", error, StringComparison.Ordinal);
        Assert.Contains("diptrader keygen", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("c2hvcnQ=")]
    [InlineData("!!!!not base64 at all!!!!")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm")]
    public void An_invalid_key_names_the_setting_and_the_expected_form_without_echoing_it(string bad)
    {
        var error = Assert.Throws<EncryptionKeyException>(() => SecretBox.Create(null, bad));
        Assert.StartsWith("ENCRYPTION_KEY is not a valid Fernet key", error.Message, StringComparison.Ordinal);
        Assert.Contains("32 random bytes in URL-safe base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, SecretBox.ValidateKey(bad));
    }

    [Fact]
    public void An_invalid_ring_entry_is_named_by_position()
    {
        Assert.False(SecretBox.TryCreate($"{NewKey},nope", null, out _, out var error));
        Assert.StartsWith("ENCRYPTION_KEYS (entry 2) is not a valid Fernet key", error, StringComparison.Ordinal);
        Assert.False(SecretBox.TryCreate("nope", null, out _, out error));
        Assert.StartsWith("ENCRYPTION_KEYS is not a valid Fernet key", error, StringComparison.Ordinal);
        Assert.False(SecretBox.TryCreate(NewKey, "nope", out _, out error));
        Assert.StartsWith("ENCRYPTION_KEY is not", error, StringComparison.Ordinal);
    }
}
