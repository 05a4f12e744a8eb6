using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using DipTrader.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DipTrader.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer dt_…</c> with a personal API token. Only the token's SHA-256 is stored; a revoked
/// token, or one whose user may no longer sign in, is refused.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<DipTraderDbContext> contexts,
    UserDirectory users,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!ApiTokens.LooksLikeToken(token))
        {
            return AuthenticateResult.Fail("Malformed API token.");
        }
        var hash = ApiTokens.Hash(token);
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var row = await db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.UserId, t.LastUsedAt }).SingleOrDefaultAsync(Context.RequestAborted);
        if (row is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API token.");
        }
        var status = await users.FindAsync(row.UserId, Context.RequestAborted);
        if (status is not { MaySignIn: true })
        {
            return AuthenticateResult.Fail("The token's account may not sign in.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var user = new Data.Entities.User { Id = status.Id, Email = status.Email, PasswordHash = string.Empty, IsAdmin = status.IsAdmin, SecurityStamp = status.SecurityStamp };
        return AuthenticateResult.Success(new AuthenticationTicket(UserClaims.Create(user, SchemeName), SchemeName));
    }
}

/// <summary>Personal API tokens: <c>dt_</c> + 43 base64url characters (256 random bits).</summary>
public static class ApiTokens
{
    public const string Prefix = "dt_";

    public static string NewToken() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static bool LooksLikeToken(string token) => token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length is > 20 and < 100;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
