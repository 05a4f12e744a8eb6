using System.Globalization;
using System.Security.Claims;
using DipTrader.Data.Entities;

namespace DipTrader.Web.Auth;

/// <summary>What a session or API token says about its user.</summary>
public static class UserClaims
{
    public const string StampClaim = "diptrader:stamp";
    public const string AdminRole = "admin";

    public static ClaimsPrincipal Create(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, user.Email),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The signed-in user's id; only called where authorization already required a user.</summary>
    public static int UserId(this ClaimsPrincipal principal) =>
        int.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user."), CultureInfo.InvariantCulture);

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(AdminRole);

    public static string Email(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Email) ?? string.Empty;
}
