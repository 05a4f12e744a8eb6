using DipTrader.Bots.Configuration;
using DipTrader.Bots.Notifications;
using DipTrader.Bots.Running;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Martingale;
using Microsoft.Extensions.Logging.Abstractions;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// Drives the very same bot run and <see cref="MartingaleStrategy.Decide"/> as live trading over replayed
/// candles, the paper account and a simulated clock: decisions see only candles closed before their time,
/// resting orders fill when a later candle trades through them and are cancelled at the next run, fees on
/// every fill, funding every 8 h, isolated liquidation, multi-pair margin caps — all as live.
/// </summary>
public sealed class Backtester
{
    /// <summary>Points kept per chart series.</summary>
    public const int ChartPoints = 2000;

    public async Task<BacktestReport> RunAsync(BacktestRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(request));
        }
        var (from, to) = Period(request);
        var clock = new ReplayClock(from);
        var market = new ReplayMarketData(request.Candles, clock, request.Instruments);
        var account = new PaperAccount(market, clock, request.PaperOptions());
        var venue = new BotVenue(market, account);
        var bot = new BotConfiguration
        {
            Name = "backtest",
            Exchange = Data.Entities.Exchanges.Paper,
            PaperBalance = request.StartingBalance,
            Pairs = [.. request.Pairs.Select(p => new PairConfiguration(PairConfiguration.StandaloneKey(p), p))],
        };
        var steps = (int)((to - from).Ticks / request.Cadence.Ticks) + 1;
        var recorder = new BacktestRecorder(steps, request.Pairs.Count);
        var runner = new BotRunner(new InMemoryPairStateStore(), recorder, clock, NullLogger<BotRunner>.Instance);
        var metrics = new MetricsBuilder(request.StartingBalance, steps);
        for (var i = 0; i < steps; i++)
        {
            var now = from + request.Cadence * i;
            clock.AdvanceTo(now);
            await runner.RunAsync(bot, venue, new RunSlot(now, request.Cadence), SilentNotifier.Instance, cancellationToken);
            metrics.Observe(now, await account.GetAccountAsync(cancellationToken));
            if (progress is not null && (i % 1000 == 0 || i == steps - 1))
            {
                progress.Report((i + 1) / (double)steps);
            }
        }
        return metrics.Build(from, to, account, recorder);
    }

    /// <summary>
    /// The first and last run, on the cadence's grid. By default the first run comes a day after the first
    /// candle, so the EMAs and the volatility window have history to read.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(BacktestRequest request)
    {
        var first = request.Candles.Values.Where(c => c.Count > 0).Min(c => c[0].OpenedAt);
        var last = request.Candles.Values.Where(c => c.Count > 0).Max(c => c.Last.OpenedAt.AddMinutes(1));
        var from = Align(request.From ?? first.AddDays(1), request.Cadence);
        var to = request.To ?? last;
        if (to < from)
        {
            throw new ArgumentException($"The candles end at {last:u}, before the first run at {from:u}: give more history or an earlier --from.");
        }
        return (from, to);
    }

    private static DateTimeOffset Align(DateTimeOffset time, TimeSpan cadence)
    {
        var remainder = time.UtcTicks % cadence.Ticks;
        return remainder == 0 ? time : new DateTimeOffset(time.UtcTicks - remainder + cadence.Ticks, TimeSpan.Zero);
    }
}
