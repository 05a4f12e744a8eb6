using System.Globalization;
using System.Text;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace DipTrader.Web.Pages;

/// <summary>
/// Output caching of a signed-in user's page that is a pure function of data the page's version reads: a view whose
/// version equals the last one's is answered with that view's HTML, without rendering it again.
/// </summary>
/// <remarks>
/// <para>Current, not merely recent: every view reads the version from the database (<see cref="VersionAsync"/>) and a
/// cached page is used only for the same version. A change written anywhere (a worker on another machine, another tab,
/// an admin) shows at the next view. No expiry guesswork and no invalidation messages between machines.</para>
/// <para>Private: a page is kept per user (with the email and role the layout shows) and per antiforgery cookie, because
/// its forms carry a request token made for that cookie and that user. A view that shows a one-time message (TempData)
/// is neither served from the cache nor kept, nor is a response that sets a cookie (a renewed session, a new
/// antiforgery cookie) or answers anything but 200.</para>
/// </remarks>
public abstract class VersionedPageCachePolicy : IOutputCachePolicy
{
    /// <summary>
    /// The version of what the page shows for this user and request (anything that, when equal, gives an equal page), or
    /// null when the page must render (it is not the user's, say).
    /// </summary>
    protected abstract ValueTask<string?> VersionAsync(HttpContext http, int userId, CancellationToken cancellation);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        context.EnableOutputCaching = false;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) || http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var tempDataCookie = TempDataCookie(http);
        var antiforgeryCookie = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        if (tempDataCookie is not null && http.Request.Cookies.ContainsKey(tempDataCookie)
            || antiforgeryCookie is null || http.Request.Cookies[antiforgeryCookie] is not { Length: > 0 } antiforgery)
        {
            return;
        }
        var userId = http.User.UserId();
        if (await VersionAsync(http, userId, cancellation) is not { } version)
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
        vary.VaryByValues["csrf"] = Fingerprint.OfBytes(Encoding.UTF8.GetBytes(antiforgery));
        vary.VaryByValues["version"] = version;
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
        var tempDataCookie = TempDataCookie(http);
        return SetCookieHeaderValue.TryParseList(setCookies, out var cookies)
            && cookies.All(c => c.Name.Equals(tempDataCookie, StringComparison.Ordinal) && c.Value.Length == 0 && c.Expires < DateTimeOffset.UnixEpoch.AddDays(1));
    }

    private static string? TempDataCookie(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
}
