namespace DipTrader.Exchanges.Paper;

/// <summary>The venue rules a paper account simulates (Phemex defaults).</summary>
public sealed class PaperAccountOptions
{
    /// <summary>Wallet balance of a new account, in USDT.</summary>
    public decimal InitialBalance { get; set; } = 10_000m;

    /// <summary>Fee of a resting order's fill, as a fraction of its notional (0.01 %).</summary>
    public decimal MakerFeeRate { get; set; } = 0.0001m;

    /// <summary>Fee of a fill against the quote, as a fraction of its notional (0.06 %).</summary>
    public decimal TakerFeeRate { get; set; } = 0.0006m;

    /// <summary>Funding rate per 8 hours: Longs pay rate × notional to Shorts when positive.</summary>
    public decimal FundingRate { get; set; } = 0.0001m;

    public decimal MaintenanceMarginRate { get; set; } = 0.005m;

    public int DefaultLeverage { get; set; } = 10;

    public int MaxLeverage { get; set; } = 100;

    /// <summary>How long filled and cancelled orders stay findable by client order id (Phemex keeps about two months).</summary>
    public TimeSpan ClosedOrderRetention { get; set; } = TimeSpan.FromDays(62);

    /// <summary>The problems with these settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InitialBalance < 0)
        {
            problems.Add("InitialBalance must not be negative.");
        }
        Fraction(MakerFeeRate, -0.01m, 0.01m, nameof(MakerFeeRate), problems);
        Fraction(TakerFeeRate, -0.01m, 0.01m, nameof(TakerFeeRate), problems);
        Fraction(FundingRate, -0.05m, 0.05m, nameof(FundingRate), problems);
        Fraction(MaintenanceMarginRate, 0m, 0.5m, nameof(MaintenanceMarginRate), problems);
        if (MaxLeverage is < 1 or > 1000)
        {
            problems.Add("MaxLeverage must be between 1 and 1000.");
        }
        if (DefaultLeverage < 1 || DefaultLeverage > MaxLeverage)
        {
            problems.Add("DefaultLeverage must be between 1 and MaxLeverage.");
        }
        if (ClosedOrderRetention < TimeSpan.Zero)
        {
            problems.Add("ClosedOrderRetention must not be negative.");
        }
        return problems;
    }

    private static void Fraction(decimal value, decimal min, decimal max, string name, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add(FormattableString.Invariant($"{name} must be between {min} and {max}."));
        }
    }
}
