using System.Globalization;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Phemex's rate-limit headers (reference A.6): <c>x-ratelimit-remaining-&lt;group&gt;</c> and
/// <c>x-ratelimit-retry-after-&lt;group&gt;</c> in seconds, with no suffix for the Others group. Header names are
/// case-insensitive; a standard <c>Retry-After</c> is honoured too.
/// </summary>
internal static class PhemexRateLimitHeaders
{
    public static string Suffix(PhemexRateLimitGroup group) => group == PhemexRateLimitGroup.Contract ? "-contract" : "";

    public static TimeSpan? RetryAfter(HttpResponseMessage response, PhemexRateLimitGroup group)
    {
        if (TryReadNumber(response, "x-ratelimit-retry-after" + Suffix(group), out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        var standard = response.Headers.RetryAfter;
        if (standard?.Delta is { } delta && delta > TimeSpan.Zero)
        {
            return delta;
        }
        if (standard?.Date is { } date && response.Headers.Date is { } sent && date > sent)
        {
            return date - sent;
        }
        return null;
    }

    public static double? Remaining(HttpResponseMessage response, PhemexRateLimitGroup group) =>
        TryReadNumber(response, "x-ratelimit-remaining" + Suffix(group), out var remaining) ? remaining : null;

    private static bool TryReadNumber(HttpResponseMessage response, string name, out double value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
