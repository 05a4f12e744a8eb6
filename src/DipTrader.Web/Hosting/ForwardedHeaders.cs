using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace DipTrader.Web.Hosting;

/// <summary>
/// <c>TRUSTED_PROXIES</c>: the reverse proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> the app
/// believes. A request from any other address keeps its own client address and scheme, so a client cannot forge the
/// address the audit log and the login rate limit see. Default: loopback (nginx on the same host); <c>none</c>
/// ignores the headers altogether.
/// </summary>
public sealed class TrustedProxies
{
    public const string Setting = "TRUSTED_PROXIES";
    public const string DefaultValue = "127.0.0.0/8,::1";
    private const string NoneValue = "none";

    // ASPNETCORE_FORWARDEDHEADERS_ENABLED makes ASP.NET Core trust forwarded headers from every address.
    private const string FrameworkSwitch = "FORWARDEDHEADERS_ENABLED";

    private TrustedProxies(IReadOnlyList<IPAddress> addresses, IReadOnlyList<IPNetwork> networks)
    {
        Addresses = addresses;
        Networks = networks;
    }

    public IReadOnlyList<IPAddress> Addresses { get; }
    public IReadOnlyList<IPNetwork> Networks { get; }

    /// <summary>True for <c>TRUSTED_PROXIES=none</c>: forwarded headers are ignored.</summary>
    public bool TrustsNobody => Addresses.Count == 0 && Networks.Count == 0;

    public static TrustedProxies Read(IConfiguration configuration)
    {
        if (string.Equals(configuration[FrameworkSwitch], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"ASPNETCORE_{FrameworkSwitch}=true would trust X-Forwarded-* from every address: remove it and list your proxies in {Setting} instead.");
        }
        return Parse(configuration[Setting]);
    }

    /// <summary>Parses a comma-separated list of IP addresses and CIDR networks; empty means the default.</summary>
    public static TrustedProxies Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            value = DefaultValue;
        }
        if (string.Equals(value.Trim(), NoneValue, StringComparison.OrdinalIgnoreCase))
        {
            return new TrustedProxies([], []);
        }
        var addresses = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        var invalid = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                // A network names its first address: 10.1.2.3/8 is a typo for something, not a network to trust.
                if (IPNetwork.TryParse(entry, out var network)
                    && IPAddress.TryParse(entry[..entry.IndexOf('/', StringComparison.Ordinal)], out var written)
                    && written.Equals(network.BaseAddress))
                {
                    networks.Add(network);
                    continue;
                }
            }
            else if (TryParseAddress(entry, out var address))
            {
                addresses.Add(address);
                continue;
            }
            invalid.Add($"'{entry}'");
        }
        if (invalid.Count > 0 || addresses.Count + networks.Count == 0)
        {
            var what = invalid.Count > 0 ? $"{string.Join(", ", invalid)} is not an IP address or CIDR network" : "lists no address";
            throw new InvalidOperationException(
                $"{Setting}: {what}. Give a comma-separated list such as 127.0.0.1,::1,10.0.0.0/8 " +
                $"(a network's address has no bits past its prefix: 10.0.0.0/8, not 10.1.2.3/8), or '{NoneValue}' to ignore X-Forwarded-* headers.");
        }
        return new TrustedProxies(addresses, networks);
    }

    /// <summary>The middleware options: only these proxies, with ASP.NET Core's loopback defaults cleared.</summary>
    public ForwardedHeadersOptions CreateOptions(string? allowedHosts)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // No hop limit: the middleware walks X-Forwarded-For from the right and stops at the first address not listed here.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in Addresses)
        {
            options.KnownProxies.Add(address);
        }
        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }
        // A forwarded Host must pass the same AllowedHosts filter as a direct one.
        if (!string.IsNullOrWhiteSpace(allowedHosts) && allowedHosts.Trim() != "*")
        {
            foreach (var host in allowedHosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                options.AllowedHosts.Add(host);
            }
        }
        return options;
    }

    public override string ToString() => TrustsNobody
        ? NoneValue
        : string.Join(",", Addresses.Select(a => a.ToString()).Concat(Networks.Select(n => n.ToString())));

    // IPAddress.TryParse also takes shorthands like "10.1" (10.0.0.1): a proxy list wants the full form.
    private static bool TryParseAddress(string entry, out IPAddress address) =>
        IPAddress.TryParse(entry, out address!)
        && (entry.Contains(':', StringComparison.Ordinal) || entry.Count(c => c == '.') == 3);
}

/// <summary>Wires <see cref="TrustedProxies"/> into the pipeline, ahead of everything that reads the scheme or client address.</summary>
public static class ForwardedHeadersSetup
{
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<WebSettings>().TrustedProxies;
        if (proxies.TrustsNobody)
        {
            app.Logger.LogInformation("{Setting}=none: X-Forwarded-* headers are ignored.", TrustedProxies.Setting);
            return app;
        }
        app.Logger.LogInformation("Trusting X-Forwarded-* from {TrustedProxies}.", proxies.ToString());
        app.UseForwardedHeaders(proxies.CreateOptions(app.Configuration["AllowedHosts"]));
        return app;
    }
}
