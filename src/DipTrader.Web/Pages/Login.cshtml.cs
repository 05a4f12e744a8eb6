using DipTrader.Web.Auth;
using DipTrader.Web.Hosting;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DipTrader.Web.Pages;

[EnableRateLimiting(WebComposition.LoginLimit)]
public sealed class LoginModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }
    public bool MessageIsWarning { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/dashboard") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Message = "Enter your email and password.";
            return Page();
        }
        var result = await accounts.LoginAsync(Email, Password, cancellationToken);
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    UserClaims.Create(result.User!, CookieAuthenticationDefaults.AuthenticationScheme),
                    new AuthenticationProperties { IsPersistent = false });
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/dashboard");
            case LoginOutcome.Locked:
                Message = $"Too many failed attempts: this account is locked until {result.LockedUntil:HH:mm} UTC. Try again later.";
                break;
            case LoginOutcome.PendingApproval:
                Message = "Your account is waiting for an administrator's approval.";
                MessageIsWarning = true;
                break;
            case LoginOutcome.Suspended:
                Message = "This account is suspended. Contact the administrator.";
                break;
            default:
                Message = "The email or password is not right.";
                break;
        }
        return Page();
    }
}
