namespace DipTrader.Exchanges.Tests.Contract;

/// <summary>
/// One trading venue as <see cref="TradingAccountContract"/> drives it: the account the bots use, and the one
/// lever a test needs that no bot has, moving the market. Every venue starts with <see cref="ContractMarket.Symbol"/>
/// trading at <see cref="ContractMarket.StartPrice"/> (bid there, ask one tick above) and fees of
/// <see cref="ContractMarket.MakerFeeRate"/> / <see cref="ContractMarket.TakerFeeRate"/>, so both venues can be held
/// to the same figures.
/// </summary>
internal interface IContractVenue : IAsyncDisposable
{
    ITradingAccount Account { get; }

    /// <summary>A trade at <paramref name="price"/>: the bid moves there and every resting order the trade reaches fills at its limit price.</summary>
    Task MovePriceAsync(decimal price);
}

/// <summary>The market every contract venue opens with.</summary>
internal static class ContractMarket
{
    public const string Symbol = "BTCUSDT";
    public const decimal StartPrice = 60_000m;
    public const decimal MakerFeeRate = 0.0001m;
    public const decimal TakerFeeRate = 0.0006m;
}
