using System.Text;
using DipTrader.Data.Security;

namespace DipTrader.Data.Tests.Security;

/// <summary>
/// The password rules and the common-password list, on small fixture lists written for these tests
/// (Fixtures/common-passwords.txt, one per line with CRLF, blanks and spaces; .json, the
/// @zxcvbn-ts/language-common format).
/// </summary>
public sealed class PasswordPolicyTests
{
    private static readonly CommonPasswordList Common = CommonPasswordList.LoadFile(SecurityTestFiles.PathOf("Fixtures/common-passwords.txt"));
    private readonly PasswordPolicy policy = new(Common);

    [Fact]
    public void A_long_uncommon_password_is_accepted()
    {
        Assert.Empty(policy.Check("violet-harbour-kettle-42", "ann@example.com"));
        Assert.True(policy.IsAcceptable("ten chars!", null));
    }

    [Theory]
    [InlineData(null, PasswordPolicy.RequiredMessage)]
    [InlineData("", PasswordPolicy.RequiredMessage)]
    [InlineData("nine-char", PasswordPolicy.TooShortMessage)]
    [InlineData("QWERTYUIOP", PasswordPolicy.CommonMessage)]
    [InlineData("password123", PasswordPolicy.CommonMessage)]
    [InlineData("letmein12345", PasswordPolicy.CommonMessage)]
    [InlineData(" iloveyou2024 ", PasswordPolicy.CommonMessage)]
    [InlineData("добрыйдень1", PasswordPolicy.CommonMessage)]
    [InlineData("Ann.Smith1@Example.com", PasswordPolicy.EmailMessage)]
    [InlineData("ann.smith1", PasswordPolicy.EmailMessage)]
    public void Each_broken_rule_gives_its_message(string? password, string expected)
    {
        Assert.Equal([expected], policy.Check(password, "ann.smith1@example.com"));
    }

    [Fact]
    public void Several_broken_rules_give_several_messages_in_order()
    {
        var list = CommonPasswordList.Load(new MemoryStream(Encoding.UTF8.GetBytes("bob\n")));
        Assert.Equal([PasswordPolicy.TooShortMessage, PasswordPolicy.CommonMessage, PasswordPolicy.EmailMessage],
            new PasswordPolicy(list).Check("bob", "bob@example.com"));
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units()
    {
        Assert.Equal([PasswordPolicy.TooShortMessage], policy.Check("🔑🔑🔑🔑🔑🔑🔑🔑🔑", null));
        Assert.Empty(policy.Check("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", null));
        Assert.Empty(policy.Check(new string('x', 256), null));
        Assert.Equal([PasswordPolicy.TooLongMessage], policy.Check(new string('x', 257), null));
    }

    [Fact]
    public void Messages_never_repeat_the_password()
    {
        const string Password = "password123";
        Assert.All(policy.Check(Password, "password123@example.com"),
            message => Assert.DoesNotContain(Password, message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_line_list_is_read_case_insensitively_with_blanks_and_spaces_dropped()
    {
        Assert.Equal(9, Common.Count);
        Assert.True(Common.Contains("PASSWORD"));
        Assert.True(Common.Contains("qwertyuiop"));
        Assert.True(Common.Contains("letmein12345"));
        Assert.False(Common.Contains(""));
        Assert.False(Common.Contains(null));
        Assert.False(Common.Contains("violet-harbour-kettle-42"));
    }

    [Fact]
    public void The_json_array_format_is_read_too()
    {
        var list = CommonPasswordList.LoadFile(SecurityTestFiles.PathOf("Fixtures/common-passwords.json"));
        Assert.Equal(5, list.Count);
        Assert.True(list.Contains("TrustNo1TrustNo1"));
    }

    [Fact]
    public void Entries_shorter_than_asked_are_dropped()
    {
        var list = CommonPasswordList.LoadFile(SecurityTestFiles.PathOf("Fixtures/common-passwords.txt"), ignoreShorterThan: PasswordPolicy.MinimumLength);
        Assert.False(list.Contains("password"));
        Assert.True(list.Contains("1234567890"));
        Assert.Equal(7, list.Count);
    }

    [Fact]
    public void A_missing_list_is_an_error_unless_explicitly_allowed()
    {
        var path = Path.Combine(Path.GetTempPath(), "diptrader-no-such-list-" + Guid.NewGuid().ToString("N") + ".txt");
        var error = Assert.Throws<FileNotFoundException>(() => CommonPasswordList.LoadFile(path));
        Assert.Contains("common-password list", error.Message, StringComparison.Ordinal);
        Assert.Same(CommonPasswordList.Empty, CommonPasswordList.LoadFile(path, allowMissing: true));
    }

    [Fact]
    public void A_broken_json_list_is_reported()
    {
        Assert.Throws<InvalidDataException>(() => CommonPasswordList.Load(new MemoryStream(Encoding.UTF8.GetBytes("[\"a\", 3"))));
    }
}
