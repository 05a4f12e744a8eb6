using System.Net;
using DipTrader.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DipTrader.Deploy.Tests;

/// <summary>TRUSTED_PROXIES: whose X-Forwarded-* the app believes, and what it does with a list it cannot read.</summary>
public sealed class TrustedProxiesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    // Default (loopback): nginx on the same host is believed, anyone else is not.
    [InlineData(null, "127.0.0.1", "198.51.100.7", "198.51.100.7")]
    [InlineData(null, "192.0.2.50", "198.51.100.7", "192.0.2.50")]
    [InlineData("10.0.0.0/8, 192.0.2.1", "192.0.2.1", "198.51.100.7", "198.51.100.7")]
    [InlineData("10.0.0.0/8, 192.0.2.1", "127.0.0.1", "198.51.100.7", "127.0.0.1")]
    // A chain of listed proxies is walked back to the first address that is not one of them...
    [InlineData("10.0.0.0/8", "10.0.0.9", "198.51.100.7, 10.0.0.5", "198.51.100.7")]
    // ...and no further, so a client cannot plant an address in front of its own.
    [InlineData("10.0.0.0/8", "10.0.0.9", "203.0.113.66, 198.51.100.7", "198.51.100.7")]
    [InlineData("::1", "::1", "2001:db8::7", "2001:db8::7")]
    public void The_client_address_comes_from_X_Forwarded_For_only_through_listed_proxies(string? setting, string peer, string forwardedFor, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        var options = TrustedProxies.Parse(setting).CreateOptions(allowedHosts: null);

        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).ApplyForwarders(context);

        Assert.Equal(expected, context.Connection.RemoteIpAddress?.ToString());
        Assert.Equal(expected == peer ? "http" : "https", context.Request.Scheme);
    }

    [Fact]
    public void A_forwarded_host_outside_AllowedHosts_is_ignored()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Host = new HostString("diptrader.example.com");
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
        context.Request.Headers["X-Forwarded-Host"] = "evil.example.net";
        var options = TrustedProxies.Parse(null).CreateOptions(allowedHosts: "diptrader.example.com");

        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).ApplyForwarders(context);

        Assert.Equal("diptrader.example.com", context.Request.Host.Value);
    }

    [Theory]
    // Not a proxy the app talks through: the default's loopback trust must be gone, not added to.
    [InlineData("10.9.8.7")]
    // none: the headers are ignored even from loopback.
    [InlineData("none")]
    public async Task The_running_app_ignores_forwarded_headers_from_a_peer_not_in_TRUSTED_PROXIES(string setting)
    {
        var directory = Directory.CreateTempSubdirectory("diptrader-proxies").FullName;
        try
        {
            using var app = await WebAppProcess.StartAsync(directory, new Dictionary<string, string> { ["TRUSTED_PROXIES"] = setting });
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{app.Port}/dashboard");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "forged.example.net");

            using var response = await client.SendAsync(request, Token);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"http://127.0.0.1:{app.Port}/login?ReturnUrl=%2Fdashboard", response.Headers.Location?.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("127.0.0.1, 10.1.2.3/8", "'10.1.2.3/8' is not an IP address or CIDR network")]
    [InlineData("nginx.internal", "'nginx.internal' is not an IP address or CIDR network")]
    [InlineData("10.1", "'10.1' is not an IP address or CIDR network")]
    [InlineData(" , ", "lists no address")]
    public void A_list_it_cannot_read_is_refused_with_the_setting_and_the_entry_named(string setting, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Parse(setting));

        Assert.StartsWith("TRUSTED_PROXIES: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_does_not_start_with_an_invalid_TRUSTED_PROXIES()
    {
        var directory = Directory.CreateTempSubdirectory("diptrader-proxies").FullName;
        try
        {
            using var app = WebAppProcess.Launch(directory, Loopback.FreePort(), new Dictionary<string, string> { ["TRUSTED_PROXIES"] = "127.0.0.1,10.1.2.3/8" });

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("TRUSTED_PROXIES: '10.1.2.3/8' is not an IP address or CIDR network", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
