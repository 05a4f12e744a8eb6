using System.Globalization;

namespace DipTrader.Web.Services.Backtests;

/// <summary>A new backtest as the form sends it: every number still text, so a typo comes back under its field.</summary>
public sealed record NewBacktestInput(
    string? Name,
    PairInput Pair,
    string? Source,
    string? Seed,
    string? From,
    string? To,
    string? Balance,
    string? Cadence,
    string? MakerFee,
    string? TakerFee,
    string? FundingRate,
    string? MaintenanceRate,
    CandleUpload? Csv);

/// <summary>Reads the backtest form's own fields (the pair's are PairService's), each message naming its field.</summary>
public static class BacktestRules
{
    public const int MaxDemoDays = DipTrader.Bots.Backtesting.BacktestRequest.MaxDemoDays;
    public const int MaxActivePerUser = 3;
    public const decimal MaxBalance = 100_000_000m;
    public static readonly DateOnly EarliestDay = new(2010, 1, 1);
    public static readonly DateOnly LatestDay = new(2100, 12, 31);

    /// <summary>Fields the form shows next to an input (every other message is shown on top).</summary>
    public static IReadOnlyList<string> FormFields { get; } =
        ["Name", "Source", "Seed", "From", "To", "Csv", "Balance", "Cadence", "MakerFee", "TakerFee", "FundingRate", "MaintenanceRate"];

    /// <summary>The name; null when left blank (the service names it after the pair and period).</summary>
    public static string? Name(string? name, FieldErrors errors)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length > 100)
        {
            errors.Add("Name", "Use at most 100 characters for the name.");
        }
        else if (trimmed.Any(char.IsControl))
        {
            errors.Add("Name", "The name cannot contain control characters.");
        }
        return trimmed.Length == 0 ? null : trimmed;
    }

    public static string? Source(string? source, FieldErrors errors)
    {
        var value = source?.Trim().ToLowerInvariant();
        if (value is BacktestSpec.DemoSource or BacktestSpec.CsvSource)
        {
            return value;
        }
        errors.Add("Source", "Choose demo data or an uploaded CSV file.");
        return null;
    }

    /// <summary>A day typed as yyyy-MM-dd (what a date input sends); blank is null.</summary>
    public static DateOnly? Day(string? text, string field, string label, FieldErrors errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"Enter the {label} as a date such as 2025-01-31 (got \"{Clip(trimmed)}\").");
            return null;
        }
        if (day < EarliestDay || day > LatestDay)
        {
            errors.Add(field, $"Choose a {label} between {EarliestDay:yyyy-MM-dd} and {LatestDay:yyyy-MM-dd}.");
            return null;
        }
        return day;
    }

    public static int Seed(string? text, FieldErrors errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return 1;
        }
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            errors.Add("Seed", $"Enter the seed as a whole number from 0 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}.");
        }
        return seed;
    }

    public static int Cadence(string? text, FieldErrors errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return 5;
        }
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || !BotRules.RunIntervals.Contains(minutes))
        {
            errors.Add("Cadence", $"Choose a run cadence of {string.Join(", ", BotRules.RunIntervals)} minutes.");
        }
        return minutes;
    }

    /// <summary>A decimal in [<paramref name="min"/>, <paramref name="max"/>]; blank takes <paramref name="fallback"/>.</summary>
    public static decimal Number(string? text, string field, string label, decimal fallback, decimal min, decimal max, FieldErrors errors, bool minExclusive = false)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return fallback;
        }
        var range = minExclusive
            ? FormattableString.Invariant($"above {min} and at most {max}")
            : FormattableString.Invariant($"from {min} to {max}");
        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(field, $"Enter the {label} as a number {range}, with a dot for decimals (got \"{Clip(trimmed)}\").");
            return fallback;
        }
        if (value > max || value < min || (minExclusive && value == min))
        {
            errors.Add(field, $"The {label} must be {range} (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }
        return value;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
