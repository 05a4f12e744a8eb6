using DipTrader.Web.Auth;
using DipTrader.Web.Hosting;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DipTrader.Web.Pages.Account;

/// <summary>
/// <c>/account/password</c>: change the password (rate-limited like the login, since it checks the current
/// password). The new security stamp ends every other session; this one is signed in again with fresh claims.
/// </summary>
[EnableRateLimiting(WebComposition.LoginLimit)]
public sealed class PasswordModel(AccountService accounts, UserDirectory users) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public void OnGet() => this.NoStore();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        this.NoStore();
        var userId = User.UserId();
        Errors = await accounts.ChangePasswordAsync(userId, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty, Confirmation ?? string.Empty, cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }
        var status = await users.FindAsync(userId, cancellationToken);
        if (status is not { MaySignIn: true })
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return LocalRedirect("/login");
        }
        var user = new Data.Entities.User { Id = status.Id, Email = status.Email, PasswordHash = string.Empty, IsAdmin = status.IsAdmin, SecurityStamp = status.SecurityStamp };
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            UserClaims.Create(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false });
        TempData["Success"] = "Your password is changed. Your other sessions have been signed out.";
        return LocalRedirect("/account");
    }
}
