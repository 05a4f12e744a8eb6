using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DipTrader.Web.Pages.Bots;

/// <summary>
/// Output caching of <c>/bots/{id}</c>: a view whose bot has not changed since the last one is answered with that
/// view's HTML, after one statement instead of five statements and the page's rendering. Between two runs of a bot
/// (minutes) nothing on its page changes, and a user watching it reloads the same page.
/// </summary>
/// <remarks>
/// <para>Current, not merely recent: every view reads the bot's version (<see cref="BotQueries.BotPageVersionAsync"/>: the
/// bot and its pairs as stored, the newest run, run row and log line) and the cached page is used only for the same
/// version. A run recorded by a worker on another machine, a pair edited in another tab, a bot stopped by an admin: the
/// next view renders afresh. No expiry guesswork and no invalidation messages between machines.</para>
/// <para>Private: a page is kept per user (with the email and role the layout shows) and per antiforgery cookie, because
/// its forms carry a request token made for that cookie and that user. The page of someone else's bot is never cached
/// (it is a 404). A view that shows a one-time message (TempData) is neither served from the cache nor kept, and a
/// response that sets a cookie (a renewed session, a new antiforgery cookie) is not kept.</para>
/// </remarks>
public sealed class BotPageCachePolicy : IOutputCachePolicy
{
    public const string Name = "bot-page";

    private static readonly JsonSerializerOptions Fingerprinting = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        context.EnableOutputCaching = false;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            || http.User.Identity?.IsAuthenticated != true
            || !int.TryParse(http.GetRouteValue("id") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var botId))
        {
            return;
        }
        var services = http.RequestServices;
        var tempDataCookie = services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
        var antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        if (tempDataCookie is not null && http.Request.Cookies.ContainsKey(tempDataCookie)
            || antiforgeryCookie is null || http.Request.Cookies[antiforgeryCookie] is not { Length: > 0 } antiforgery)
        {
            return;
        }
        var userId = http.User.UserId();
        if (await services.GetRequiredService<BotQueries>().BotPageVersionAsync(userId, botId, cancellation) is not { } version)
        {
            return;
        }
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        var vary = context.CacheVaryByRules;
        vary.QueryKeys = "*";
        vary.VaryByValues["user"] = string.Create(CultureInfo.InvariantCulture, $"{userId}|{http.User.Email()}|{http.User.IsAdmin()}");
        vary.VaryByValues["csrf"] = Hash(Encoding.UTF8.GetBytes(antiforgery));
        vary.VaryByValues["version"] = Fingerprint(version);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !OnlyClearsTempData(context.HttpContext, response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// True when the response sets no cookie but the expired TempData one, which MVC sends on every page that looked
    /// for a message, whether or not the browser has the cookie: harmless to repeat, since a request that carries
    /// TempData is never answered from the cache.
    /// </summary>
    private static bool OnlyClearsTempData(HttpContext http, StringValues setCookies)
    {
        if (setCookies.Count == 0)
        {
            return true;
        }
        var tempDataCookie = http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
        return SetCookieHeaderValue.TryParseList(setCookies, out var cookies)
            && cookies.All(c => c.Name.Equals(tempDataCookie, StringComparison.Ordinal) && c.Value.Length == 0 && c.Expires < DateTimeOffset.UnixEpoch.AddDays(1));
    }

    /// <summary>
    /// Every stored field of the bot and its pairs, not a chosen few: a field shown on the page tomorrow is covered
    /// without anyone remembering this class. Hashed, so the cache key holds nothing of the bot (nor its encrypted keys).
    /// </summary>
    private static string Fingerprint(BotPageVersion version)
    {
        var stored = JsonSerializer.SerializeToUtf8Bytes(new { version.Bot, version.Pairs, version.NewestRun, version.NewestRunRow, version.NewestLog }, Fingerprinting);
        return Hash(stored);
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(SHA256.HashData(bytes));
}
