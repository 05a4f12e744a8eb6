using DipTrader.Web.Services;

namespace DipTrader.Web.Api;

/// <summary><c>/api/bots/{id}/pairs…</c>.</summary>
internal static class PairsApi
{
    public static void Map(RouteGroupBuilder bots)
    {
        bots.MapGet("/{id:int}/pairs", async (int id, HttpContext http, BotQueries queries, CancellationToken token) =>
        {
            var view = await queries.BotAsync(ApiSupport.UserId(http), id, token);
            return view is null ? ApiSupport.NotFound() : Results.Ok(view.Pairs.Select(ApiSupport.Pair));
        });
        bots.MapPost("/{id:int}/pairs", async (int id, PairRequest body, HttpContext http, PairService service, CancellationToken token) =>
        {
            var result = await service.AddAsync(ApiSupport.UserId(http), id, body.ToInput(), token);
            return result.Succeeded ? Results.Created($"/api/bots/{id}/pairs/{result.Value!.Id}", ApiSupport.Pair(result.Value)) : ApiSupport.Problem(result);
        });
        bots.MapGet("/{id:int}/pairs/{pairId:int}", async (int id, int pairId, HttpContext http, BotQueries queries, CancellationToken token) =>
            await queries.PairAsync(ApiSupport.UserId(http), id, pairId, token) is { } pair ? Results.Ok(ApiSupport.Pair(pair)) : ApiSupport.NotFound());
        bots.MapPut("/{id:int}/pairs/{pairId:int}", async (int id, int pairId, PairRequest body, HttpContext http, BotQueries queries, PairService service, CancellationToken token) =>
        {
            if (await queries.PairAsync(ApiSupport.UserId(http), id, pairId, token) is not { } stored)
            {
                return ApiSupport.NotFound();
            }
            var result = await service.UpdateAsync(ApiSupport.UserId(http), id, pairId, body.ToInput(stored), token);
            return result.Succeeded ? Results.Ok(ApiSupport.Pair(result.Value!)) : ApiSupport.Problem(result);
        });
        bots.MapDelete("/{id:int}/pairs/{pairId:int}", async (int id, int pairId, HttpContext http, PairService service, CancellationToken token) =>
        {
            var result = await service.DeleteAsync(ApiSupport.UserId(http), id, pairId, token);
            return result.Succeeded ? Results.NoContent() : ApiSupport.Problem(result);
        });
    }
}
