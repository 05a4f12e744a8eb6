using DipTrader.Bots.Venues;
using DipTrader.Web.Services;

namespace DipTrader.Web.Pages.Bots;

/// <summary>The symbols a bot's venue lists, for the pair form's suggestions; empty when the venue does not answer in time.</summary>
internal static class VenueSymbols
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<string>> LoadAsync(SymbolCatalog catalog, BotHeader bot, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            var instruments = await catalog.InstrumentsAsync(bot.Exchange, bot.Testnet, timeout.Token);
            return [.. instruments.Select(i => i.Symbol).Order(StringComparer.Ordinal)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
