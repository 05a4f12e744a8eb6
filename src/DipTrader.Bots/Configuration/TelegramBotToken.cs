using System.Text.RegularExpressions;

namespace DipTrader.Bots.Configuration;

/// <summary>
/// The bot token shape Telegram.Bot accepts: it throws unless the bot id before the colon is 1–16 digits, so a token
/// of another shape is refused where it is entered (.env, the web form) instead of failing every send.
/// </summary>
public static partial class TelegramBotToken
{
    public const string Shape = "the bot id of 1 to 16 digits, a colon, then letters, digits, '_' or '-'";

    /// <param name="minSecretLength">How long the part after the colon must be at least (@BotFather's are 35).</param>
    public static bool IsWellFormed(string token, int minSecretLength = 1)
    {
        var match = TokenPattern().Match(token);
        return match.Success && match.Groups["secret"].Length >= minSecretLength;
    }

    [GeneratedRegex("^[0-9]{1,16}:(?<secret>[A-Za-z0-9_-]{1,200})$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
