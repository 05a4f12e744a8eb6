using DipTrader.Bots.Venues;
using DipTrader.Exchanges;
using DipTrader.Trading.Indicators;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;
using DipTrader.Web.Services;

namespace DipTrader.Web.Api;

/// <summary>
/// <c>/api/bots/{id}/candles?symbol=&amp;interval=&amp;limit=</c>: closed candles of one of the bot's symbols, with
/// EMA50 and EMA200, from the same cached market data the bot trades on.
/// </summary>
internal static class CandlesApi
{
    public static void Map(RouteGroupBuilder bots)
    {
        bots.MapGet("/{id:int}/candles", async (int id, string? symbol, int? interval, int? limit, HttpContext http, BotQueries queries, MarketDataHub markets, PaperMarketDataSource paperSource, CancellationToken token) =>
        {
            var view = await queries.BotAsync(ApiSupport.UserId(http), id, token);
            if (view is null)
            {
                return ApiSupport.NotFound();
            }
            var wanted = PairSettings.NormalizeSymbol(symbol) ?? view.Pairs.FirstOrDefault()?.Symbol;
            if (wanted is null || !view.Pairs.Any(p => p.Symbol == wanted))
            {
                return ApiSupport.BadRequest("symbol", "symbol must be one of the bot's pair symbols.");
            }
            var minutes = interval ?? 5;
            if (!CandleInterval.IsEmaInterval(minutes))
            {
                return ApiSupport.BadRequest("interval", $"interval must be one of {CandleInterval.EmaIntervalList} minutes.");
            }
            var count = limit ?? 300;
            if (count is < 1 or > 1000)
            {
                return ApiSupport.BadRequest("limit", "limit must be from 1 to 1000.");
            }
            var market = markets.For(view.Bot.Exchange, view.Bot.Testnet, await paperSource.GetAsync(token));
            CandleSeries candles;
            try
            {
                candles = await market.GetCandlesAsync(wanted, minutes, IndicatorCalculator.EmaWindow, token);
            }
            catch (ExchangeException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Market data is not available right now.");
            }
            var closes = candles.Closes;
            var ema50 = new double[closes.Length];
            var ema200 = new double[closes.Length];
            Ema.Series(closes, 50, ema50);
            Ema.Series(closes, 200, ema200);
            var start = Math.Max(0, candles.Count - count);
            var rows = new List<object>(candles.Count - start);
            for (var i = start; i < candles.Count; i++)
            {
                var c = candles[i];
                rows.Add(new { time = c.OpenTime, open = c.Open, high = c.High, low = c.Low, close = c.Close, ema50 = Math.Round(ema50[i], 8), ema200 = Math.Round(ema200[i], 8) });
            }
            return Results.Ok(new { symbol = wanted, interval = minutes, candles = rows });
        });
    }

}
