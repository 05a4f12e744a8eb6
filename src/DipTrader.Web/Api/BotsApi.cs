using DipTrader.Web.Services;

namespace DipTrader.Web.Api;

/// <summary>
/// <c>/api/bots…</c>: the same owner scoping, validation and errors (ProblemDetails) as the pages, with the
/// session cookie (plus antiforgery header for changes) or <c>Authorization: Bearer</c> with an API token.
/// </summary>
public static class BotsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots");
        bots.MapGet("/", async (HttpContext http, BotQueries queries, CancellationToken token) =>
            TypedResults.Ok((await queries.DashboardAsync(ApiSupport.UserId(http), token)).Bots));
        bots.MapPost("/", async (BotRequest body, HttpContext http, BotService service, CancellationToken token) =>
        {
            var result = await service.CreateAsync(ApiSupport.UserId(http), new NewBotInput(body.Name, body.Exchange, body.Testnet ?? true, body.RunEveryMinutes, body.ApiKey, body.ApiSecret), token);
            return result.Succeeded ? Results.Created($"/api/bots/{result.Value!.Id}", ApiSupport.Bot(result.Value)) : ApiSupport.Problem(result);
        });
        bots.MapGet("/{id:int}", async (int id, HttpContext http, BotQueries queries, CancellationToken token) =>
        {
            var view = await queries.BotAsync(ApiSupport.UserId(http), id, token);
            return view is null ? ApiSupport.NotFound() : Results.Ok(new { bot = ApiSupport.Bot(view.Bot), pairs = view.Pairs.Select(ApiSupport.Pair) });
        });
        bots.MapPut("/{id:int}", async (int id, BotRequest body, HttpContext http, BotService service, CancellationToken token) =>
        {
            // What the request leaves out stays as it is: BotSettingsInput keeps a null.
            var result = await service.UpdateAsync(ApiSupport.UserId(http), id, new BotSettingsInput(body.Name, body.Testnet, body.RunEveryMinutes), token);
            return result.Succeeded ? Results.Ok(ApiSupport.Bot(result.Value!)) : ApiSupport.Problem(result);
        });
        bots.MapPut("/{id:int}/keys", async (int id, KeysRequest body, HttpContext http, BotService service, CancellationToken token) =>
        {
            var result = await service.ReplaceKeysAsync(ApiSupport.UserId(http), id, new BotKeysInput(body.ApiKey, body.ApiSecret), token);
            return result.Succeeded ? Results.Ok(ApiSupport.Bot(result.Value!)) : ApiSupport.Problem(result);
        });
        bots.MapDelete("/{id:int}", async (int id, HttpContext http, BotService service, CancellationToken token) =>
        {
            var result = await service.DeleteAsync(ApiSupport.UserId(http), id, token);
            return result.Succeeded ? Results.NoContent() : ApiSupport.Problem(result);
        });
        bots.MapPost("/{id:int}/start", async (int id, HttpContext http, BotService service, CancellationToken token) =>
        {
            var result = await service.StartAsync(ApiSupport.UserId(http), id, token);
            return result.Succeeded ? Results.Ok(ApiSupport.Bot(result.Value!)) : ApiSupport.Problem(result);
        });
        bots.MapPost("/{id:int}/stop", async (int id, HttpContext http, BotService service, CancellationToken token) =>
        {
            var result = await service.StopAsync(ApiSupport.UserId(http), id, token);
            return result.Succeeded ? Results.Ok(ApiSupport.Bot(result.Value!)) : ApiSupport.Problem(result);
        });
        bots.MapGet("/{id:int}/trades", async (int id, int? page, HttpContext http, BotQueries queries, CancellationToken token) =>
            await queries.TradesAsync(ApiSupport.UserId(http), id, ApiSupport.PageNumber(page), token) is { } trades ? Results.Ok(trades) : ApiSupport.NotFound());
        bots.MapGet("/{id:int}/runs", async (int id, int? page, HttpContext http, BotQueries queries, CancellationToken token) =>
            await queries.RunsAsync(ApiSupport.UserId(http), id, ApiSupport.PageNumber(page), token) is { } runs
                ? Results.Ok(new { runs.Number, runs.HasNext, Items = runs.Items.Select(RunJson) })
                : ApiSupport.NotFound());
        bots.MapGet("/{id:int}/logs", async (int id, int? page, HttpContext http, BotQueries queries, CancellationToken token) =>
            await queries.LogsAsync(ApiSupport.UserId(http), id, ApiSupport.PageNumber(page), token) is { } logs ? Results.Ok(logs) : ApiSupport.NotFound());
        bots.MapGet("/{id:int}/metrics", async (int id, string? days, HttpContext http, MetricsQuery metrics, CancellationToken token) =>
        {
            var range = 7;
            if (days is not null && (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out range) || range is < 1 or > MetricsQuery.MaxDays))
            {
                return ApiSupport.BadRequest("days", $"days must be a whole number from 1 to {MetricsQuery.MaxDays}.");
            }
            var document = await metrics.GetAsync(ApiSupport.UserId(http), id, range, token);
            return document is null ? ApiSupport.NotFound() : document.ToResult(http);
        });
        PairsApi.Map(bots);
        CandlesApi.Map(bots);
    }

    private static object RunJson(Data.Entities.ExecutionMetric m) => new
    {
        m.Id,
        ExecutedAt = ApiSupport.Utc(m.ExecutedAt),
        m.Symbol,
        m.Side,
        m.Rule,
        m.Decision,
        m.Action,
        m.Conclusion,
        m.TotalBalance,
        m.CurrentPrice,
        m.PositionSize,
        m.PositionValue,
        m.UnrealizedPnl,
        m.MarginLevel,
    };
}
