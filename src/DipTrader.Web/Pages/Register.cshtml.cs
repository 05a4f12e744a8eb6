using DipTrader.Web.Hosting;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace DipTrader.Web.Pages;

[EnableRateLimiting(WebComposition.RegisterLimit)]
public sealed class RegisterModel(AccountService accounts, SiteSettings settings) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public bool Open { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Redirect("/dashboard");
        }
        Open = await settings.RegistrationEnabledAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Open = await settings.RegistrationEnabledAsync(cancellationToken);
        if (!Open)
        {
            return Page();
        }
        var result = await accounts.RegisterAsync(Email ?? string.Empty, Password ?? string.Empty, Confirmation ?? string.Empty, cancellationToken);
        if (!result.Accepted)
        {
            Errors = result.Errors;
            return Page();
        }
        TempData["Success"] = result.Approved
            ? "Your account is ready: log in."
            : "Thanks for registering. An administrator reviews new accounts; you can log in once yours is approved.";
        return Redirect("/login");
    }
}
