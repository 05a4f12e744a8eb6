using System.Diagnostics;
using System.Security.Cryptography;
using DipTrader.Data.Security;

namespace DipTrader.Deploy.Tests;

/// <summary>
/// The built web app run as an operator runs it: <c>dotnet DipTrader.Web.dll</c> in Production with its secrets in
/// the environment, SQLite in a temp <c>DATA_DIR</c>, HTTP on a free loopback port.
/// </summary>
internal sealed class WebAppProcess : IDisposable
{
    // Settings the machine running the tests may have: the app must see only what a test gives it.
    private static readonly string[] Inherited =
    [
        "DATABASE_URL", "SECRET_KEY", "ENCRYPTION_KEY", "ENCRYPTION_KEYS", "TRUSTED_PROXIES", "AllowedHosts",
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "DOTNET_ENVIRONMENT", "SCHEDULER_ENABLED",
    ];

    private WebAppProcess(LoggedProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public LoggedProcess Process { get; }
    public int Port { get; }

    /// <summary>Starts the app and returns once it listens (it migrates its database first).</summary>
    public static async Task<WebAppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var port = Loopback.FreePort();
        var process = Launch(dataDirectory, port, settings);
        try
        {
            await Loopback.WaitUntilListeningAsync(process, port, TimeSpan.FromSeconds(90));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new WebAppProcess(process, port);
    }

    /// <summary>Starts the app without waiting: for settings it must refuse.</summary>
    public static LoggedProcess Launch(string dataDirectory, int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DipTrader.Web.dll"));
        start.ArgumentList.Add("--no-scheduler");
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DATA_DIR"] = dataDirectory;
        start.Environment["SECRET_KEY"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        start.Environment["ENCRYPTION_KEY"] = SecretBox.GenerateKey();
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        return LoggedProcess.Start(start);
    }

    public void Dispose() => Process.Dispose();
}
