using System.Globalization;
using DipTrader.Web.Services;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// <c>/bots/{id}</c> is answered from the cache after one statement instead of five and the page's rendering while the
/// bot is unchanged: between two runs of a bot (minutes) nothing on its page changes, and a user watching it reloads it.
/// The version is the bot and its pairs as stored (every field, not a chosen few: a field shown tomorrow is covered
/// without anyone remembering this class) and the newest run and log line. Someone else's bot has no version:
/// its page renders, as a 404.
/// </summary>
public sealed class BotPageCachePolicy : VersionedPageCachePolicy
{
    public const string Name = "bot-page";

    protected override async ValueTask<string?> VersionAsync(HttpContext http, int userId, CancellationToken cancellation)
    {
        if (!int.TryParse(http.GetRouteValue("id") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var botId))
        {
            return null;
        }
        return await http.RequestServices.GetRequiredService<BotQueries>().BotPageVersionAsync(userId, botId, cancellation);
    }
}
