using System.Security.Claims;

namespace DipTrader.Web.Observability;

/// <summary>
/// Puts the signed-in user's id on every log line of their request, next to the request id ASP.NET Core adds
/// itself. The id only: an email address is personal data a log does not need.
/// </summary>
internal sealed class UserLogScope(RequestDelegate next, ILogger<UserLogScope> logger)
{
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("user {UserId}");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            await next(context);
            return;
        }
        using (Scope(logger, userId))
        {
            await next(context);
        }
    }
}
