namespace DipTrader.Exchanges.Replay;

/// <summary>The market moods the demo generator moves through.</summary>
public enum DemoRegime
{
    Sideways,
    SlowDecline,
    Crash,
    Recovery,
}

/// <summary>A stretch of demo time spent in one regime: [Start, End) in Unix seconds.</summary>
public sealed record DemoRegimeSpan(DemoRegime Regime, long Start, long End);

/// <summary>How long a regime lasts, how far it moves the price, and how wild and busy it is.</summary>
internal sealed record RegimeShape(int MinMinutes, int MaxMinutes, double MinMove, double MaxMove, double Volatility, double Volume)
{
    private const int Hour = 60;
    private const int Day = 24 * Hour;

    private static readonly RegimeShape Sideways = new(1 * Day, 4 * Day, -0.02, 0.02, 1.0, 1.0);
    private static readonly RegimeShape SlowDecline = new(2 * Day, 6 * Day, -0.10, -0.03, 1.1, 1.3);
    private static readonly RegimeShape Crash = new(1 * Hour, 6 * Hour, -0.20, -0.08, 3.0, 6.0);
    private static readonly RegimeShape Recovery = new(2 * Day, 6 * Day, 0.06, 0.24, 1.3, 1.6);

    public static RegimeShape Of(DemoRegime regime) => regime switch
    {
        DemoRegime.SlowDecline => SlowDecline,
        DemoRegime.Crash => Crash,
        DemoRegime.Recovery => Recovery,
        _ => Sideways,
    };

    /// <summary>
    /// What follows a regime: declines may end in a crash, crashes mostly recover. With the moves above the
    /// chain's expected drift over a year is about zero; the walk's pull towards its start does the rest.
    /// </summary>
    public static DemoRegime Next(DemoRegime current, double draw) => current switch
    {
        DemoRegime.Sideways => draw < 0.40 ? DemoRegime.SlowDecline : draw < 0.80 ? DemoRegime.Recovery : DemoRegime.Crash,
        DemoRegime.SlowDecline => draw < 0.5 ? DemoRegime.Crash : DemoRegime.Sideways,
        DemoRegime.Crash => draw < 0.8 ? DemoRegime.Recovery : DemoRegime.Sideways,
        _ => draw < 0.6 ? DemoRegime.Sideways : DemoRegime.SlowDecline,
    };
}
