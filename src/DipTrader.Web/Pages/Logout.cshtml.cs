using DipTrader.Data;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Pages;

/// <summary>Logging out is a POST with an antiforgery token (the predecessor's GET could be triggered by any page).</summary>
public sealed class LogoutModel(IDbContextFactory<DipTraderDbContext> contexts, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            audit.Add(db, User.UserId(), AuditActions.Logout, "user", User.UserId());
            await db.SaveChangesAsync(cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData["Success"] = "You are logged out.";
        return Redirect("/login");
    }
}
