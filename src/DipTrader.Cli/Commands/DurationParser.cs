using System.Globalization;

namespace DipTrader.Cli.Commands;

/// <summary>
/// Run periods on the command line: <c>5m</c>, <c>1h</c>, <c>120s</c>. They must be whole minutes, because client
/// order ids name the slot's minute (two runs within one minute would ask for the same orders and place none),
/// and at most <see cref="Longest"/>, which also keeps them far from TimeSpan's and Task.Delay's limits.
/// </summary>
internal static class DurationParser
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public const string Form = "a whole number of minutes from 1m to 7 days (168h), such as 5m or 1h";

    /// <summary>The period <paramref name="text"/> names, or the message for <paramref name="flag"/> saying why not.</summary>
    public static bool TryParse(string flag, string? text, out TimeSpan duration, out string error)
    {
        duration = default;
        error = $"{flag}: must be {Form} (got \"{text}\").";
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
        {
            return false;
        }
        long? unitTicks = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.TicksPerSecond,
            'm' => TimeSpan.TicksPerMinute,
            'h' => TimeSpan.TicksPerHour,
            _ => null,
        };
        if (unitTicks is not { } unit || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        // Compared before multiplying, so no amount can overflow.
        if (amount > Longest.Ticks / unit)
        {
            error = $"{flag}: must be at most 7 days (168h) (got \"{text}\").";
            return false;
        }
        var ticks = amount * unit;
        if (ticks < TimeSpan.TicksPerMinute || ticks % TimeSpan.TicksPerMinute != 0)
        {
            error = $"{flag}: must be whole minutes, at least 1m: client order ids name the run's minute, so runs within one minute would place nothing (got \"{text}\").";
            return false;
        }
        duration = TimeSpan.FromTicks(ticks);
        return true;
    }
}
