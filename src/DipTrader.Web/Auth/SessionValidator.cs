using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DipTrader.Web.Auth;

/// <summary>
/// Ends a session whose user was suspended, un-approved or deleted, or whose password changed (the security
/// stamp), and refreshes the admin role when an admin changes it.
/// </summary>
public sealed class SessionValidator(UserDirectory users) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            await Reject(context);
            return;
        }
        var status = await users.FindAsync(principal.UserId(), context.HttpContext.RequestAborted);
        if (status is null || !status.MaySignIn || status.SecurityStamp != principal.FindFirstValue(UserClaims.StampClaim))
        {
            await Reject(context);
            return;
        }
        if (status.IsAdmin != principal.IsAdmin())
        {
            var refreshed = principal.Claims.Where(c => c.Type != ClaimTypes.Role).ToList();
            if (status.IsAdmin)
            {
                refreshed.Add(new Claim(ClaimTypes.Role, UserClaims.AdminRole));
            }
            context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(refreshed, principal.Identity!.AuthenticationType)));
            context.ShouldRenew = true;
        }
    }

    /// <summary>API calls get 401/403 status codes, never a redirect to the login page.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    /// <summary>A signed-in user without the right gets 403 in place (pages show the error page through status-code pages).</summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        Status(context, StatusCodes.Status403Forbidden);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static async Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
