using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages;

/// <summary>How the account and admin pages answer a service's outcome: POST-redirect-GET with a TempData message, 404 for a missing id.</summary>
internal static class PageOutcome
{
    public static IActionResult RedirectWith(this PageModel page, ServiceResult<string> result, string url)
    {
        if (result.NotFound)
        {
            return page.NotFound();
        }
        if (result.Succeeded)
        {
            page.TempData["Success"] = result.Value;
        }
        else
        {
            page.TempData["Error"] = Messages(result.Errors);
        }
        return page.LocalRedirect(url);
    }

    public static string Messages(IReadOnlyDictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(m => m));

    /// <summary>The messages of one field, or none.</summary>
    public static IReadOnlyList<string> For(this IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Pages that show a secret (a new token) or a user's settings must not be stored by a browser or a proxy.</summary>
    public static void NoStore(this PageModel page) => page.Response.Headers.CacheControl = "no-store";
}
