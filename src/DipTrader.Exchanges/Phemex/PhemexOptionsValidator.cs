using Microsoft.Extensions.Options;

namespace DipTrader.Exchanges.Phemex;

/// <summary>Checks <see cref="PhemexOptions"/> at start so a bad setting fails at boot with a message naming it.</summary>
internal sealed class PhemexOptionsValidator : IValidateOptions<PhemexOptions>
{
    public ValidateOptionsResult Validate(string? name, PhemexOptions options)
    {
        var failures = new List<string>();
        RequireHttpUrl(failures, "Phemex:MainnetBaseUrl", options.MainnetBaseUrl);
        RequireHttpUrl(failures, "Phemex:TestnetBaseUrl", options.TestnetBaseUrl);
        if (options.BaseUrlOverride is not null)
        {
            RequireHttpUrl(failures, "Phemex:BaseUrlOverride", options.BaseUrlOverride);
        }
        RequirePositive(failures, "Phemex:RequestTimeout", options.RequestTimeout);
        RequireRange(failures, "Phemex:ExpirySeconds", options.ExpirySeconds, 5, 120);
        RequirePositive(failures, "Phemex:ProductsCacheDuration", options.ProductsCacheDuration);

        var retry = options.Retry;
        RequireRange(failures, "Phemex:Retry:MaxRetryAttempts", retry.MaxRetryAttempts, 0, 10);
        RequirePositive(failures, "Phemex:Retry:BaseDelay", retry.BaseDelay);
        if (retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"Phemex:Retry:MaxDelay must be at least Phemex:Retry:BaseDelay (got {retry.MaxDelay} < {retry.BaseDelay}).");
        }

        RequireRange(failures, "Phemex:OrderPlacement:MaxAttempts", options.OrderPlacement.MaxAttempts, 1, 10);
        RequireNotNegative(failures, "Phemex:OrderPlacement:LookupDelay", options.OrderPlacement.LookupDelay);

        var limits = options.RateLimits;
        RequireRange(failures, "Phemex:RateLimits:ContractCapacity", limits.ContractCapacity, 1, 1_000_000);
        RequireRange(failures, "Phemex:RateLimits:OthersCapacity", limits.OthersCapacity, 1, 1_000_000);
        RequireRange(failures, "Phemex:RateLimits:KlineWeight", limits.KlineWeight, 1, 1_000);
        RequireRange(failures, "Phemex:RateLimits:IpCapacity", limits.IpCapacity, 1, 10_000_000);
        RequireRange(failures, "Phemex:RateLimits:TestnetIpCapacity", limits.TestnetIpCapacity, 1, 10_000_000);
        RequirePositive(failures, "Phemex:RateLimits:Window", limits.Window);
        RequirePositive(failures, "Phemex:RateLimits:IpWindow", limits.IpWindow);
        RequirePositive(failures, "Phemex:RateLimits:DefaultRetryAfter", limits.DefaultRetryAfter);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireHttpUrl(List<string> failures, string field, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{field} must be an absolute http or https URL (got '{url}').");
        }
    }

    private static void RequirePositive(List<string> failures, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{field} must be greater than zero (got {value}).");
        }
    }

    private static void RequireNotNegative(List<string> failures, string field, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{field} must not be negative (got {value}).");
        }
    }

    private static void RequireRange(List<string> failures, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{field} must be between {min} and {max} (got {value}).");
        }
    }
}
