using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Time.Testing;

namespace DipTrader.Exchanges.Tests.Contract;

/// <summary>The trading account contract for the paper account, over a replay of minutes the test writes as it moves the price.</summary>
public sealed class PaperTradingAccountContractTests : TradingAccountContract
{
    private protected override Task<IContractVenue> StartVenueAsync(decimal balance)
    {
        var market = new ScriptedMinutes();
        var options = new PaperAccountOptions
        {
            InitialBalance = balance,
            MakerFeeRate = ContractMarket.MakerFeeRate,
            TakerFeeRate = ContractMarket.TakerFeeRate,
        };
        return Task.FromResult<IContractVenue>(new Venue(market, new PaperAccount(market, market.Clock, options)));
    }

    private sealed class Venue(ScriptedMinutes market, PaperAccount account) : IContractVenue
    {
        public ITradingAccount Account => account;

        public Task MovePriceAsync(decimal price)
        {
            market.TradeFromNextMinute(price);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// A <see cref="ReplayMarketData"/> of <see cref="ContractMarket.Symbol"/> minutes that trade flat at one price,
    /// from 00:00 UTC, with a fake clock at 01:00:30 (far from the 08:00 funding mark). Moving the price rewrites
    /// the minutes from the next one on and lets that minute close, exactly as a backtest's clock would.
    /// </summary>
    private sealed class ScriptedMinutes : IMarketData
    {
        private const int Minutes = 6 * 60;
        private static readonly DateTimeOffset Midnight = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly Candle[] _minutes = new Candle[Minutes];
        private ReplayMarketData _replay;

        public ScriptedMinutes()
        {
            Flat(0, ContractMarket.StartPrice);
            _replay = Replay();
        }

        public FakeTimeProvider Clock { get; } = new(Midnight.AddHours(1).AddSeconds(30));

        /// <summary>The minute that opens next (or now, on the minute) trades at <paramref name="price"/> and so does every later one; the clock moves to just after it closes.</summary>
        public void TradeFromNextMinute(decimal price)
        {
            var elapsed = (long)Math.Ceiling((Clock.GetUtcNow() - Midnight).TotalMinutes);
            Flat((int)elapsed, price);
            _replay = Replay();
            Clock.SetUtcNow(Midnight.AddMinutes(elapsed + 1).AddSeconds(1));
        }

        public ValueTask<CandleSeries> GetCandlesAsync(string symbol, int intervalMinutes, int limit, CancellationToken cancellationToken) =>
            _replay.GetCandlesAsync(symbol, intervalMinutes, limit, cancellationToken);

        public ValueTask<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken) => _replay.GetQuoteAsync(symbol, cancellationToken);

        public ValueTask<Instrument> GetInstrumentAsync(string symbol, CancellationToken cancellationToken) => _replay.GetInstrumentAsync(symbol, cancellationToken);

        public ValueTask<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken) => _replay.GetInstrumentsAsync(cancellationToken);

        private void Flat(int fromMinute, decimal price)
        {
            for (var m = fromMinute; m < Minutes; m++)
            {
                _minutes[m] = new Candle(Midnight.AddMinutes(m).ToUnixTimeSeconds(), price, price, price, price, 1m);
            }
        }

        private ReplayMarketData Replay() => new(ContractMarket.Symbol, CandleSeries.From(1, [.. _minutes]), Clock);
    }
}
