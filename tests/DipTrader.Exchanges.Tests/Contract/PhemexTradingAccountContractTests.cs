using DipTrader.Exchanges.Tests.Phemex;
using DipTrader.Testing.FakePhemex;

namespace DipTrader.Exchanges.Tests.Contract;

/// <summary>The trading account contract for the Phemex client, over real HTTP to the fake Phemex (which checks every signature).</summary>
public sealed class PhemexTradingAccountContractTests : TradingAccountContract
{
    private protected override async Task<IContractVenue> StartVenueAsync(decimal balance)
    {
        var fees = new FakePhemexOptions { MakerFeeRate = ContractMarket.MakerFeeRate, TakerFeeRate = ContractMarket.TakerFeeRate };
        var host = await PhemexTestHost.StartAsync(serverOptions: fees, balance: balance);
        host.Server.SetPrice(ContractMarket.Symbol, ContractMarket.StartPrice);
        return new Venue(host);
    }

    private sealed class Venue(PhemexTestHost host) : IContractVenue
    {
        public ITradingAccount Account => host.Account;

        public Task MovePriceAsync(decimal price)
        {
            host.Server.SetPrice(ContractMarket.Symbol, price);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
