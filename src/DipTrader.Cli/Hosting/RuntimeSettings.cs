using DipTrader.Bots.Configuration;
using DipTrader.Bots.Venues;
using DipTrader.Trading;

namespace DipTrader.Cli.Hosting;

/// <summary>
/// The process-wide settings the bot runtime reads while the host is built (<c>MARKET_DATA</c>, <c>PHEMEX_BASE_URL</c>,
/// <c>TELEGRAM_API_URL</c>): checked first, so a bad one is a line naming it and exit code 2, not a stack trace.
/// </summary>
internal static class RuntimeSettings
{
    public static IReadOnlyList<ValidationError> Check(IReadOnlyDictionary<string, string> variables)
    {
        var errors = new List<ValidationError>();
        var echo = ValueEcho.For(variables);
        if (variables.GetValueOrDefault("MARKET_DATA") is { } marketData && !string.IsNullOrWhiteSpace(marketData)
            && !PaperMarketDataSource.Modes.Contains(marketData.Trim().ToLowerInvariant()))
        {
            errors.Add(new ValidationError("MARKET_DATA", $"must be one of {string.Join(", ", PaperMarketDataSource.Modes)}{echo.Got(marketData.Trim())}"));
        }
        foreach (var name in new[] { "PHEMEX_BASE_URL", "TELEGRAM_API_URL" })
        {
            if (variables.GetValueOrDefault(name) is { Length: > 0 } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                errors.Add(new ValidationError(name, "must be an absolute http(s) URL such as https://api.example.com"));
            }
        }
        return errors;
    }
}
