using DipTrader.Web.Services;

namespace DipTrader.Web.Pages;

/// <summary>
/// <c>/dashboard</c> is a pure function of its one statement's answer (<see cref="DashboardView"/>): that answer is the
/// version, and an equal answer is served the page rendered for it. A new rendering gets the answer read here, so a view
/// costs one statement either way.
/// </summary>
public sealed class DashboardCachePolicy : VersionedPageCachePolicy
{
    public const string Name = "dashboard";

    /// <summary>The dashboard's data read for this request's version, or null when none was read.</summary>
    public static DashboardView? ReadFor(HttpContext http) => http.Items.TryGetValue(typeof(DashboardView), out var view) ? view as DashboardView : null;

    protected override async ValueTask<string?> VersionAsync(HttpContext http, int userId, CancellationToken cancellation)
    {
        var view = await http.RequestServices.GetRequiredService<BotQueries>().DashboardAsync(userId, cancellation);
        http.Items[typeof(DashboardView)] = view;
        return Fingerprint.Of(view);
    }
}
