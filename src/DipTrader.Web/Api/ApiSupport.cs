using DipTrader.Data.Entities;
using DipTrader.Web.Auth;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DipTrader.Web.Api;

/// <summary>Shared shapes and rules of the JSON API.</summary>
internal static class ApiSupport
{
    /// <summary>ProblemDetails for a service outcome: 404 for another user's (or a missing) id, 400 with field errors.</summary>
    public static IResult Problem<T>(ServiceResult<T> result) => result.NotFound
        ? NotFound()
        : TypedResults.ValidationProblem(result.Errors, title: "The request is not valid.");

    public static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static IResult BadRequest(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.");

    public static object Bot(Bot bot) => new
    {
        bot.Id,
        bot.Name,
        bot.Exchange,
        bot.Testnet,
        bot.Status,
        bot.RunEveryMinutes,
        ApiKeyHint = bot.ApiKeyHint is null ? null : $"…{bot.ApiKeyHint}",
        LastRunAt = Utc(bot.LastRunAt),
        NextRunAt = Utc(bot.NextRunAt),
        bot.LastError,
        CreatedAt = Utc(bot.CreatedAt),
    };

    public static object Pair(TradingPair pair) => new
    {
        pair.Id,
        pair.Symbol,
        pair.Side,
        pair.Leverage,
        pair.EmaInterval,
        pair.AutomaticMode,
        pair.IsActive,
        Config = Trading.Martingale.MartingaleSettingsJson.Parse(pair.Config) is { IsValid: true } parsed
            ? System.Text.Json.JsonDocument.Parse(Trading.Martingale.MartingaleSettingsJson.Write(parsed.Value!)).RootElement
            : (System.Text.Json.JsonElement?)null,
    };

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>
    /// A cookie-authenticated state change must carry the antiforgery token (header X-CSRF-TOKEN); a Bearer token is
    /// not sent by browsers on their own, so it needs none.
    /// </summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var viaCookie = http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;
        if (viaCookie && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid; reload the page, or use an API token.");
            }
        }
        return await next(context);
    }

    public static int UserId(HttpContext context) => context.User.UserId();

    public static int PageNumber(int? page) => page is > 0 and < 100_000 ? page.Value : 1;
}

/// <summary>The JSON the API accepts for a pair; <see cref="Config"/> is the strategy settings object.</summary>
public sealed record PairRequest(string? Symbol, string? Side, int? Leverage, int? EmaInterval, bool? AutomaticMode, bool? IsActive, System.Text.Json.JsonElement? Config)
{
    /// <summary>A new pair: a field left out takes its default (active, automatic mode, default strategy settings).</summary>
    public PairInput ToInput() => new(Symbol, Side, Leverage, EmaInterval, AutomaticMode ?? true, IsActive ?? true, ConfigJson);

    /// <summary>
    /// An update changes what the request names and keeps the rest as stored: leaving out <c>isActive</c> must never
    /// switch a deactivated pair back on, nor leaving out <c>config</c> reset its strategy settings.
    /// </summary>
    public PairInput ToInput(Data.Entities.TradingPair stored) => new(Symbol ?? stored.Symbol, Side ?? stored.Side, Leverage ?? stored.Leverage,
        EmaInterval ?? stored.EmaInterval, AutomaticMode ?? stored.AutomaticMode, IsActive ?? stored.IsActive, ConfigJson ?? stored.Config);

    private string? ConfigJson =>
        Config is { ValueKind: not System.Text.Json.JsonValueKind.Undefined and not System.Text.Json.JsonValueKind.Null } c ? c.GetRawText() : null;
}

public sealed record BotRequest(string? Name, string? Exchange, bool? Testnet, int? RunEveryMinutes, string? ApiKey, string? ApiSecret);

public sealed record KeysRequest(string? ApiKey, string? ApiSecret);
