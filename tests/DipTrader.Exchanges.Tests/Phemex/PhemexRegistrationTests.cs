using DipTrader.Exchanges.Phemex;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>AddPhemex: configuration binding, validation at start, and keeping credentials out of text.</summary>
public sealed class PhemexRegistrationTests
{
    [Fact]
    public void Options_bind_from_the_phemex_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Phemex:BaseUrlOverride"] = "http://127.0.0.1:5555/",
            ["Phemex:RequestTimeout"] = "00:00:03",
            ["Phemex:Retry:MaxRetryAttempts"] = "5",
            ["Phemex:RateLimits:ContractCapacity"] = "250",
        }).Build();
        using var services = new ServiceCollection().AddPhemex(configuration.GetSection(PhemexOptions.SectionName)).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<PhemexOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:5555/"), options.BaseUrlOverride);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
        Assert.Equal(5, options.Retry.MaxRetryAttempts);
        Assert.Equal(250, options.RateLimits.ContractCapacity);
        Assert.Equal(new Uri("https://api.phemex.com"), options.MainnetBaseUrl);
        Assert.Equal(new Uri("https://testnet-api.phemex.com"), options.TestnetBaseUrl);
        Assert.Equal(60, options.ExpirySeconds);
        Assert.NotNull(services.GetRequiredService<PhemexVenue>());
    }

    [Fact]
    public async Task Bad_options_fail_at_start_naming_each_field()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPhemex(o =>
        {
            o.RequestTimeout = TimeSpan.Zero;
            o.ExpirySeconds = 600;
            o.RateLimits.ContractCapacity = 0;
            o.BaseUrlOverride = new Uri("ftp://example.invalid/");
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ex.Failures, f => f.Contains("Phemex:RequestTimeout", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Phemex:ExpirySeconds must be between 5 and 120", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Phemex:RateLimits:ContractCapacity", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Phemex:BaseUrlOverride", StringComparison.Ordinal));
    }

    [Fact]
    public void Calling_add_phemex_twice_registers_one_http_pipeline()
    {
        var services = new ServiceCollection().AddPhemex().AddPhemex(o => o.ExpirySeconds = 30);

        Assert.Single(services, d => d.ServiceType == typeof(PhemexVenue));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(30, provider.GetRequiredService<IOptions<PhemexOptions>>().Value.ExpirySeconds);
    }

    [Fact]
    public void Credentials_and_accounts_print_a_fingerprint_never_the_key_or_secret()
    {
        var credentials = new PhemexCredentials("my-api-key-123", "my-api-secret-456", testnet: true);
        using var services = new ServiceCollection().AddPhemex().BuildServiceProvider();
        var account = services.GetRequiredService<PhemexVenue>().CreateAccount(credentials);

        foreach (var text in new[] { credentials.ToString(), account.ToString()! })
        {
            Assert.DoesNotContain("my-api-key-123", text, StringComparison.Ordinal);
            Assert.DoesNotContain("my-api-secret-456", text, StringComparison.Ordinal);
            Assert.Contains(credentials.Fingerprint, text, StringComparison.Ordinal);
        }
        Assert.Matches("^[0-9a-f]{8}$", credentials.Fingerprint);
    }

    [Fact]
    public void Empty_key_is_refused_without_echoing_anything()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PhemexCredentials("visible-key-xyz", " ", testnet: false));

        Assert.Equal("apiSecret", ex.ParamName);
        Assert.DoesNotContain("visible-key-xyz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_a_run_with_failures_show_fingerprints_never_the_key_or_secret()
    {
        await using var host = await PhemexTestHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        host.Server.Faults.Next(Testing.FakePhemex.FakeFault.AcceptThenServerError(), method: "POST");
        host.Server.Faults.Next(Testing.FakePhemex.FakeFault.ServerError(), method: "GET");

        await host.Account.GetAccountAsync(ct);
        await PhemexTradingAccountTests.PlaceRestingAsync(host, "logged", "BTCUSDT");
        await Assert.ThrowsAsync<ExchangeException>(() => host.AccountFor(PhemexTestHost.ApiKey, "wrong").GetAccountAsync(ct).AsTask());

        var fingerprint = new PhemexCredentials(PhemexTestHost.ApiKey, PhemexTestHost.ApiSecret, false).Fingerprint;
        Assert.Contains(host.Logs.Lines, line => line.Contains(fingerprint, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(PhemexTestHost.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(PhemexTestHost.ApiSecret, StringComparison.Ordinal));
    }
}
