using DipTrader.Bots.Configuration;
using DipTrader.Bots.Running;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Phemex;

namespace DipTrader.Bots.Venues;

/// <summary>
/// Opens the venue of one bot run: a Phemex account for its keys, or its paper account (loaded from the
/// store, saved back when the run completes) over live or demo prices.
/// </summary>
public sealed class VenueFactory(PhemexVenue phemex, MarketDataHub markets, IPaperAccountStore paperStore, PaperAccountOptions paperOptions, TimeProvider time)
{
    public async Task<BotVenue> OpenAsync(BotConfiguration bot, CancellationToken cancellationToken)
    {
        var market = markets.For(bot);
        if (bot.Exchange == Data.Entities.Exchanges.Phemex)
        {
            var credentials = bot.Credentials ?? throw new InvalidOperationException("A Phemex bot needs its API key and secret.");
            return new BotVenue(market, phemex.CreateAccount(credentials.ApiKey, credentials.ApiSecret, bot.Testnet));
        }
        var name = PaperAccountName(bot);
        var options = new PaperAccountOptions
        {
            InitialBalance = bot.PaperBalance,
            MakerFeeRate = paperOptions.MakerFeeRate,
            TakerFeeRate = paperOptions.TakerFeeRate,
            FundingRate = paperOptions.FundingRate,
            MaintenanceMarginRate = paperOptions.MaintenanceMarginRate,
            DefaultLeverage = paperOptions.DefaultLeverage,
            MaxLeverage = paperOptions.MaxLeverage,
            ClosedOrderRetention = paperOptions.ClosedOrderRetention,
        };
        var account = await PaperAccount.OpenAsync(paperStore, name, market, time, options, cancellationToken);
        return new BotVenue(market, account, token => account.SaveAsync(paperStore, name, token).AsTask());
    }

    public static string PaperAccountName(BotConfiguration bot) => bot.BotId is { } id ? $"bot-{id}" : "standalone";
}
