using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DipTrader.Browser.Tests;

/// <summary>
/// The real web app (its <c>Program</c>, middleware, Razor Pages, scheduler) on Kestrel at 127.0.0.1 on a free
/// port: Development secrets, SQLite in a temp <c>DATA_DIR</c>, paper bots on the built-in demo market, and a
/// two-second "minute" so a bot that runs every minute runs every 2 s.
/// </summary>
internal sealed class WebAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public WebAppFactory(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The address Kestrel bound (after <see cref="WebApplicationFactory{TEntryPoint}.StartServer"/>).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DATA_DIR", _dataDirectory);
        builder.UseSetting("DATABASE_URL", "");
        builder.UseSetting("SCHEDULER_ENABLED", "true");
        builder.UseSetting("MARKET_DATA", "demo");
        builder.UseSetting("SCHEDULER_NAME", $"browser-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Scheduler:MinuteLength", "00:00:02");
        builder.UseSetting("Scheduler:FirstRunDelay", "00:00:00.5");
        builder.ConfigureServices(services => services.AddSingleton(AppLog.Factory));
    }
}
