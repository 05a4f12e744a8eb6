using DipTrader.Exchanges;

namespace DipTrader.Bots.Running;

/// <summary>Where one bot trades: its market data and its account, and what to do when the run is over (a paper account saves its state).</summary>
public sealed class BotVenue(IMarketData marketData, ITradingAccount account, Func<CancellationToken, Task>? complete = null)
{
    public IMarketData MarketData { get; } = marketData;
    public ITradingAccount Account { get; } = account;

    public Task CompleteAsync(CancellationToken cancellationToken) => complete?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
