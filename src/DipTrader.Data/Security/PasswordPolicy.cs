namespace DipTrader.Data.Security;

/// <summary>
/// What a new password must satisfy (PRODUCT.md, Accounts): 10 to 256 characters, not on the common or
/// breached list, not the account's email or its local part. Messages never repeat the password.
/// </summary>
public sealed class PasswordPolicy(CommonPasswordList commonPasswords)
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 256;

    public const string RequiredMessage = "Enter a password.";
    public const string TooShortMessage = "Use at least 10 characters.";
    public const string TooLongMessage = "Use at most 256 characters.";
    public const string CommonMessage = "This password is too common: it appears in lists of leaked passwords. Choose another.";
    public const string EmailMessage = "Do not use your email address as your password.";

    /// <summary>Every rule the password breaks, in a fixed order; empty when it is acceptable.</summary>
    public IReadOnlyList<string> Check(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [RequiredMessage];
        }

        var problems = new List<string>();
        var length = CountCharacters(password);
        if (length < MinimumLength)
        {
            problems.Add(TooShortMessage);
        }
        else if (length > MaximumLength)
        {
            problems.Add(TooLongMessage);
        }

        if (commonPasswords.Contains(password) || commonPasswords.Contains(password.Trim()))
        {
            problems.Add(CommonMessage);
        }

        if (IsEmailOrItsLocalPart(password, email))
        {
            problems.Add(EmailMessage);
        }

        return problems;
    }

    public bool IsAcceptable(string? password, string? email) => Check(password, email).Count == 0;

    /// <summary>Characters as a person counts them: Unicode scalar values, not UTF-16 code units.</summary>
    internal static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsEmailOrItsLocalPart(string password, string? email)
    {
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        var candidate = password.Trim();
        var at = address.LastIndexOf('@');
        var localPart = at > 0 ? address[..at] : address;
        return string.Equals(candidate, address, StringComparison.OrdinalIgnoreCase)
            || string.Equals(candidate, localPart, StringComparison.OrdinalIgnoreCase);
    }
}
