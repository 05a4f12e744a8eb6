using DipTrader.Exchanges.Paper;
using DipTrader.Trading;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// What to backtest: one or several pairs sharing one paper balance, over 1-minute candles, between two
/// times, with runs at a cadence (5 minutes, as live), and the paper venue's fees, funding and maintenance rate.
/// </summary>
public sealed record BacktestRequest
{
    public required IReadOnlyList<PairSettings> Pairs { get; init; }

    /// <summary>1-minute candles per symbol, ascending (a CSV or the demo generator).</summary>
    public required IReadOnlyDictionary<string, CandleSeries> Candles { get; init; }

    /// <summary>The first run; candles before it are history the indicators see. Null: one day after the first candle.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The last run; null: the last candle.</summary>
    public DateTimeOffset? To { get; init; }

    public TimeSpan Cadence { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest demo period (web and CLI): generated candles for a longer one take gigabytes.</summary>
    public const int MaxDemoDays = 366;

    public decimal StartingBalance { get; init; } = 10_000m;

    public decimal MakerFeeRate { get; init; } = 0.0001m;
    public decimal TakerFeeRate { get; init; } = 0.0006m;
    public decimal FundingRate { get; init; } = 0.0001m;
    public decimal MaintenanceMarginRate { get; init; } = 0.005m;

    /// <summary>Contract rules per symbol; a symbol without one gets the replay defaults.</summary>
    public IReadOnlyList<Instrument>? Instruments { get; init; }

    public PaperAccountOptions PaperOptions() => new()
    {
        InitialBalance = StartingBalance,
        MakerFeeRate = MakerFeeRate,
        TakerFeeRate = TakerFeeRate,
        FundingRate = FundingRate,
        MaintenanceMarginRate = MaintenanceMarginRate,
    };

    /// <summary>Every problem with the request, each naming the field.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (Pairs.Count == 0)
        {
            errors.Add(new ValidationError("pairs", "give at least one pair"));
        }
        foreach (var pair in Pairs)
        {
            errors.AddRange(pair.Validate().Select(e => e.Prefixed(pair.ToString())));
            if (!Candles.TryGetValue(pair.Symbol, out var candles) || candles.Count == 0)
            {
                errors.Add(new ValidationError("candles", $"there are no 1-minute candles for {pair.Symbol}"));
            }
        }
        if (Cadence < TimeSpan.FromMinutes(1) || Cadence.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add(new ValidationError("cadence", "must be a whole number of minutes, at least 1"));
        }
        if (StartingBalance <= 0)
        {
            errors.Add(new ValidationError("balance", "must be greater than 0"));
        }
        if (From is { } from && To is { } to && to <= from)
        {
            errors.Add(new ValidationError("to", "must be after from"));
        }
        var problems = PaperOptions().Validate();
        errors.AddRange(problems.Select(p => new ValidationError("fees", p)));
        return errors;
    }
}
