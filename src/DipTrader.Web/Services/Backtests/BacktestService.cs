using System.Globalization;
using System.Text.Json;
using DipTrader.Bots.Backtesting;
using DipTrader.Data;
using DipTrader.Data.Entities;
using DipTrader.Exchanges.Paper;
using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;
using Microsoft.EntityFrameworkCore;

namespace DipTrader.Web.Services.Backtests;

/// <summary>The row statuses of <c>backtests</c>.</summary>
public static class BacktestStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public static bool IsActive(string status) => status is Queued or Running;
}

/// <summary>
/// Queues, cancels and deletes a user's backtests. A new one is validated whole first — every field, and an
/// uploaded CSV row by row — so bad input saves nothing; a user has at most
/// <see cref="BacktestRules.MaxActivePerUser"/> queued or running at once.
/// </summary>
public sealed class BacktestService(IDbContextFactory<DipTraderDbContext> contexts, BacktestCandleFiles files, BacktestQueue queue, TimeProvider time)
{
    public async Task<ServiceResult<Backtest>> CreateAsync(int userId, NewBacktestInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (spec, name) = Validate(input, errors);
        if (spec is null || errors.Count > 0)
        {
            return ServiceResult<Backtest>.Invalid(errors.ToDictionary());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.Backtests.CountAsync(b => b.UserId == userId && (b.Status == BacktestStatus.Queued || b.Status == BacktestStatus.Running), cancellationToken);
        if (active >= BacktestRules.MaxActivePerUser)
        {
            return ServiceResult<Backtest>.Invalid("Limit",
                $"You already have {active} backtests waiting or running (at most {BacktestRules.MaxActivePerUser}); wait for one to finish or cancel one.");
        }
        if (!spec.IsDemo)
        {
            var stored = await StoreCsvAsync(input.Csv!, spec, errors, cancellationToken);
            if (stored is null)
            {
                return ServiceResult<Backtest>.Invalid(errors.ToDictionary());
            }
            spec = stored;
        }
        var backtest = new Backtest
        {
            UserId = userId,
            Name = name ?? DefaultName(spec),
            Status = BacktestStatus.Queued,
            Request = spec.ToJson(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Backtests.Add(backtest);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(spec.CsvFile);
            throw;
        }
        queue.Wake();
        return ServiceResult<Backtest>.Ok(backtest);
    }

    /// <summary>Stops a queued or running backtest (it is kept, marked failed, "Cancelled").</summary>
    public async Task<ServiceResult<Backtest>> CancelAsync(int userId, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var backtest = await db.Backtests.SingleOrDefaultAsync(b => b.Id == id && b.UserId == userId, cancellationToken);
        if (backtest is null)
        {
            return ServiceResult<Backtest>.Missing();
        }
        if (!BacktestStatus.IsActive(backtest.Status))
        {
            return ServiceResult<Backtest>.Invalid("Status", $"This backtest is already {backtest.Status}.");
        }
        var error = backtest.Status == BacktestStatus.Queued
            ? "Cancelled before it started."
            : string.Create(CultureInfo.InvariantCulture, $"Cancelled at {backtest.Progress}%.");
        var cancelled = await db.Backtests
            .Where(b => b.Id == id && (b.Status == BacktestStatus.Queued || b.Status == BacktestStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, BacktestStatus.Failed)
                .SetProperty(b => b.Error, error)
                .SetProperty(b => b.FinishedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        queue.Cancel(id);
        if (cancelled == 0)
        {
            return ServiceResult<Backtest>.Invalid("Status", "This backtest finished before it could be cancelled.");
        }
        files.Delete(BacktestSpec.TryRead(backtest.Request)?.CsvFile);
        return ServiceResult<Backtest>.Ok(backtest);
    }

    /// <summary>Deletes a backtest and its report, stopping it first if it runs.</summary>
    public async Task<ServiceResult<Backtest>> DeleteAsync(int userId, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var backtest = await db.Backtests.AsNoTracking()
            .Where(b => b.Id == id && b.UserId == userId)
            .Select(b => new Backtest { Id = b.Id, UserId = b.UserId, Name = b.Name, Status = b.Status, Request = b.Request })
            .SingleOrDefaultAsync(cancellationToken);
        if (backtest is null)
        {
            return ServiceResult<Backtest>.Missing();
        }
        await db.Backtests.Where(b => b.Id == id && b.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        queue.Cancel(id);
        files.Delete(BacktestSpec.TryRead(backtest.Request)?.CsvFile);
        return ServiceResult<Backtest>.Ok(backtest);
    }

    /// <summary>The spec of every field but the upload and the name (null: a default), or a null spec with errors added.</summary>
    private static (BacktestSpec? Spec, string? Name) Validate(NewBacktestInput input, FieldErrors errors)
    {
        var name = BacktestRules.Name(input.Name, errors);
        var (pair, config) = PairService.Validate(input.Pair with { AutomaticMode = true, IsActive = true }, errors);
        var source = BacktestRules.Source(input.Source, errors);
        var from = BacktestRules.Day(input.From, "From", "first day", errors);
        var to = BacktestRules.Day(input.To, "To", "last day", errors);
        var seed = BacktestRules.Seed(input.Seed, errors);
        // Blank takes the paper venue's default; the ranges are the ones PaperAccountOptions accepts.
        var venue = new PaperAccountOptions();
        var balance = BacktestRules.Number(input.Balance, "Balance", "starting balance", venue.InitialBalance, 0m, BacktestRules.MaxBalance, errors, minExclusive: true);
        var cadence = BacktestRules.Cadence(input.Cadence, errors);
        var maker = BacktestRules.Number(input.MakerFee, "MakerFee", "maker fee rate", venue.MakerFeeRate, -0.01m, 0.01m, errors);
        var taker = BacktestRules.Number(input.TakerFee, "TakerFee", "taker fee rate", venue.TakerFeeRate, -0.01m, 0.01m, errors);
        var funding = BacktestRules.Number(input.FundingRate, "FundingRate", "funding rate", venue.FundingRate, -0.05m, 0.05m, errors);
        var maintenance = BacktestRules.Number(input.MaintenanceRate, "MaintenanceRate", "maintenance margin rate", venue.MaintenanceMarginRate, 0m, 0.5m, errors);
        if (from is { } first && to is { } last && last < first)
        {
            errors.Add("To", "The last day comes before the first day.");
        }
        if (source == BacktestSpec.DemoSource)
        {
            if (input.From?.Trim().Length is null or 0)
            {
                errors.Add("From", "Choose the first day of the period.");
            }
            if (input.To?.Trim().Length is null or 0)
            {
                errors.Add("To", "Choose the last day of the period.");
            }
            if (from is { } first2 && to is { } last2 && last2.DayNumber - first2.DayNumber + 1 > BacktestRules.MaxDemoDays)
            {
                errors.Add("To", $"Demo periods are at most {BacktestRules.MaxDemoDays} days; this one has {last2.DayNumber - first2.DayNumber + 1}.");
            }
        }
        if (source == BacktestSpec.CsvSource && input.Csv is not { Length: > 0 })
        {
            errors.Add("Csv", "Choose a CSV file of 1-minute candles (unix seconds,open,high,low,close,volume).");
        }
        else if (source == BacktestSpec.CsvSource && input.Csv!.Length > BacktestCandleFiles.MaxUploadBytes)
        {
            errors.Add("Csv", BacktestCandleFiles.TooLarge(input.Csv.Length));
        }
        if (pair is null || source is null || errors.Count > 0)
        {
            return (null, null);
        }
        using var settings = JsonDocument.Parse(config!);
        return (new BacktestSpec
        {
            Symbol = pair.Symbol,
            Side = pair.Side,
            Leverage = pair.Leverage,
            EmaInterval = pair.EmaInterval,
            Config = settings.RootElement.Clone(),
            From = from,
            To = to,
            Source = source,
            Seed = source == BacktestSpec.DemoSource ? seed : null,
            StartingBalance = balance,
            CadenceMinutes = cadence,
            MakerFeeRate = maker,
            TakerFeeRate = taker,
            FundingRate = funding,
            MaintenanceMarginRate = maintenance,
        }, name);
    }

    /// <summary>Stores the upload and checks every row and the period against it; null (file removed) with errors added.</summary>
    private async Task<BacktestSpec?> StoreCsvAsync(CandleUpload upload, BacktestSpec spec, FieldErrors errors, CancellationToken cancellationToken)
    {
        var displayName = DisplayName(upload.FileName);
        string stored;
        try
        {
            stored = await files.SaveAsync(upload, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            errors.Add("Csv", e.Message);
            return null;
        }
        try
        {
            var candles = files.Read(stored, displayName);
            if (candles.Count == 0)
            {
                errors.Add("Csv", $"{displayName} has no candle rows (expected unix seconds,open,high,low,close,volume).");
            }
            else
            {
                CheckPeriod(spec, candles, errors);
            }
            if (errors.Count == 0)
            {
                return spec with { CsvFile = stored, CsvName = displayName, CsvCandles = candles.Count };
            }
        }
        catch (CandleCsvException e)
        {
            errors.Add("Csv", e.Message);
        }
        files.Delete(stored);
        return null;
    }

    /// <summary>The chosen days must lie inside the file, with a day of candles before the first run for the indicators.</summary>
    private static void CheckPeriod(BacktestSpec spec, CandleSeries candles, FieldErrors errors)
    {
        var first = candles[0].OpenedAt;
        var end = candles.Last.OpenedAt.AddMinutes(1);
        var earliestRun = first.AddDays(1);
        if (spec.FirstRun is { } run && run < earliestRun)
        {
            var day = DateOnly.FromDateTime(earliestRun.UtcDateTime);
            var allowed = earliestRun.TimeOfDay == TimeSpan.Zero ? day : day.AddDays(1);
            errors.Add("From", $"Choose {allowed:yyyy-MM-dd} or later: the file starts at {first:yyyy-MM-dd HH:mm} UTC and the indicators need a day of candles before the first run.");
            return;
        }
        if (spec.To is { } to && to > DateOnly.FromDateTime(end.AddMinutes(-1).UtcDateTime))
        {
            errors.Add("To", $"Choose {end.AddMinutes(-1):yyyy-MM-dd} or earlier: the file ends at {end:yyyy-MM-dd HH:mm} UTC.");
            return;
        }
        try
        {
            var request = spec.Request(new Dictionary<string, CandleSeries>(StringComparer.Ordinal) { [spec.Symbol] = candles }, null, spec.LastRunWithin(candles));
            _ = Backtester.Period(request);
        }
        catch (ArgumentException e)
        {
            errors.Add("Csv", e.Message.Replace("--from", "first day", StringComparison.Ordinal));
        }
    }

    private static string DefaultName(BacktestSpec spec)
    {
        var period = spec.From is { } from && spec.To is { } to ? $" {from:yyyy-MM-dd} – {to:yyyy-MM-dd}" : string.Empty;
        return $"{spec.Symbol} {spec.Side}{period}";
    }

    /// <summary>The uploaded file's name as messages show it: no folders, no control characters, not too long.</summary>
    private static string DisplayName(string fileName)
    {
        var name = new string([.. Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c))]).Trim();
        return name.Length == 0 ? "candles.csv" : name.Length > 80 ? name[..80] : name;
    }
}
