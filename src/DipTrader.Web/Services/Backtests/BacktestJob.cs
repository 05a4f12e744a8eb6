using DipTrader.Bots.Backtesting;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;

namespace DipTrader.Web.Services.Backtests;

/// <summary>One stored backtest, run: its candles (generated demo data or the uploaded file) through the backtester.</summary>
public sealed class BacktestJob(Backtester backtester, BacktestCandleFiles files)
{
    public async Task<BacktestReport> RunAsync(BacktestSpec spec, IProgress<double> progress, CancellationToken cancellationToken)
    {
        CandleSeries candles;
        IReadOnlyList<Instrument>? instruments = null;
        if (spec.IsDemo)
        {
            if (spec.FirstRun is not { } first || spec.LastRun is not { } last)
            {
                throw new InvalidDataException("A demo backtest needs its first and last day.");
            }
            var profile = DemoSymbolProfile.For(spec.Symbol);
            candles = DemoCandles.Generate(profile, spec.Seed ?? 1, first - spec.DemoWarmUp, last).Minutes;
            instruments = [profile.Instrument];
        }
        else
        {
            candles = files.Read(spec.CsvFile ?? string.Empty, spec.CsvName ?? "candles.csv");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var request = spec.Request(new Dictionary<string, CandleSeries>(StringComparer.Ordinal) { [spec.Symbol] = candles }, instruments, spec.LastRunWithin(candles));
        return await backtester.RunAsync(request, progress, cancellationToken);
    }
}
