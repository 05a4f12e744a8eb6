namespace DipTrader.Trading.Indicators;

/// <summary>How fast price is falling, from the predecessor's velocity score (0–100).</summary>
public enum DeclineType
{
    /// <summary>Fewer than 30 candles: neither safe nor dangerous.</summary>
    Unknown,
    SlowDecline,
    ModerateDecline,
    FastDecline,
    Crash,
}

/// <summary>Rates of change and volume of the volatility window, the inputs of the velocity score.</summary>
/// <param name="Roc5">Percent change over the last 5 candles.</param>
/// <param name="Roc15">Percent change over the last 15 candles.</param>
/// <param name="Roc30">Percent change over the last 30 candles; informational only.</param>
/// <param name="VolumeRatio">Mean of the last 5 volumes over the mean of the 16 before them; null when unknown.</param>
public sealed record DeclineInputs(double Roc5, double Roc15, double? Roc30, double? VolumeRatio)
{
    /// <summary>|ROC5 / ROC15|, or 1 when ROC15 is 0.</summary>
    public double SmoothnessRatio => Roc15 != 0 ? Math.Abs(Roc5 / Roc15) : 1.0;
}

/// <summary>The velocity score, its decline type and the two flags the strategy reads.</summary>
public sealed record DeclineAssessment(DeclineType Type, double Score, DeclineInputs? Inputs)
{
    public static DeclineAssessment Unknown { get; } = new(DeclineType.Unknown, 0, null);

    /// <summary>Slow or moderate: adds are allowed under rule P3.</summary>
    public bool IsSafe => Type is DeclineType.SlowDecline or DeclineType.ModerateDecline;

    /// <summary>Fast or crash: adds and entries pause.</summary>
    public bool IsDangerous => Type is DeclineType.FastDecline or DeclineType.Crash;
}

public static class DeclineVelocity
{
    /// <summary>The fewest candles the score needs.</summary>
    public const int MinRows = 30;

    /// <summary>The inputs from closes and volumes (oldest first); null with fewer than 30 candles.</summary>
    public static DeclineInputs? Measure(ReadOnlySpan<double> closes, ReadOnlySpan<double> volumes)
    {
        var n = closes.Length;
        if (n < MinRows)
        {
            return null;
        }
        var roc5 = RateOfChange(closes, 5)!.Value;
        var roc15 = RateOfChange(closes, 15)!.Value;
        var roc30 = RateOfChange(closes, 30);
        return new DeclineInputs(roc5, roc15, roc30, VolumeRatio(volumes));
    }

    /// <summary>(c[-1] − c[-1-periods]) / c[-1-periods] × 100; null when too few closes or a zero base.</summary>
    public static double? RateOfChange(ReadOnlySpan<double> closes, int periods)
    {
        if (closes.Length < periods + 1)
        {
            return null;
        }
        var basis = closes[^(periods + 1)];
        return basis == 0 ? null : (closes[^1] - basis) / basis * 100;
    }

    /// <summary>Mean of the last 5 volumes ÷ mean of the 16 before them; null with fewer than 21 rows or no earlier volume.</summary>
    public static double? VolumeRatio(ReadOnlySpan<double> volumes)
    {
        if (volumes.Length < 21)
        {
            return null;
        }
        var recent = Statistics.Mean(volumes[^5..]);
        var before = Statistics.Mean(volumes[^21..^5]);
        return before > 0 ? recent / before : null;
    }

    public static DeclineAssessment Assess(DeclineInputs? inputs)
    {
        if (inputs is null)
        {
            return DeclineAssessment.Unknown;
        }
        var score = Math.Min(100, Score(inputs));
        var type = score switch
        {
            >= 70 => DeclineType.Crash,
            >= 40 => DeclineType.FastDecline,
            >= 20 => DeclineType.ModerateDecline,
            _ => DeclineType.SlowDecline,
        };
        return new DeclineAssessment(type, score, inputs);
    }

    private static double Score(DeclineInputs inputs)
    {
        var score = inputs.Roc5 switch
        {
            < -5 => 40,
            < -3 => 25,
            < -1 => 10,
            _ => 0,
        };
        score += inputs.SmoothnessRatio switch
        {
            > 2.5 => 30,
            > 1.5 => 15,
            _ => 0,
        };
        score += inputs.VolumeRatio switch
        {
            > 3.0 => 30,
            > 2.0 => 15,
            _ => 0,
        };
        return score;
    }

    /// <summary>The predecessor's name of a decline type, e.g. <c>FAST_DECLINE</c>.</summary>
    public static string Code(this DeclineType type) => type switch
    {
        DeclineType.SlowDecline => "SLOW_DECLINE",
        DeclineType.ModerateDecline => "MODERATE_DECLINE",
        DeclineType.FastDecline => "FAST_DECLINE",
        DeclineType.Crash => "CRASH",
        _ => "UNKNOWN",
    };
}
