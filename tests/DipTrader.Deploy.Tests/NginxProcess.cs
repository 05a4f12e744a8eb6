using System.Diagnostics;

namespace DipTrader.Deploy.Tests;

/// <summary>
/// Debian's nginx run as the current user with a prefix directory under temp, serving a test copy of
/// <c>deploy/nginx/diptrader.conf</c>: only its addresses, ports and file paths are changed.
/// </summary>
internal sealed class NginxProcess : IDisposable
{
    public const string Variable = "DIPTRADER_NGINX";
    private const string DebianPath = "/usr/sbin/nginx";

    private NginxProcess(LoggedProcess process, int httpPort, int httpsPort)
    {
        Process = process;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
    }

    public LoggedProcess Process { get; }
    public int HttpPort { get; }
    public int HttpsPort { get; }

    /// <summary>The nginx binary: <c>DIPTRADER_NGINX</c>, else Debian's; a missing nginx fails the test (scripts/test installs it).</summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured}, but there is no such file. Point it at the nginx binary, or unset it to use {DebianPath}.");
        }
        return File.Exists(DebianPath)
            ? DebianPath
            : throw new InvalidOperationException(
                $"The deploy tests need nginx and {DebianPath} is missing: run scripts/test (it installs Debian's nginx), " +
                $"or `apt-get install nginx`, or set {Variable} to an nginx binary.");
    }

    public static async Task<NginxProcess> StartAsync(string directory, SelfSignedCertificate certificate, int appPort)
    {
        var nginx = Locate();
        var httpPort = Loopback.FreePort();
        var httpsPort = Loopback.FreePort();
        var webroot = Directory.CreateDirectory(Path.Combine(directory, "acme")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "nginx", "diptrader.conf"));
        var site = new NginxSite(shipped)
            .Replace("listen 80;", $"listen 127.0.0.1:{httpPort};")
            .Replace("listen [::]:80;", "# (no IPv6 listener in the test)")
            .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;")
            .Replace("listen [::]:443 ssl http2;", "# (no IPv6 listener in the test)")
            .Replace("/etc/letsencrypt/live/diptrader.example.com/fullchain.pem", certificate.CertificatePath)
            .Replace("/etc/letsencrypt/live/diptrader.example.com/privkey.pem", certificate.KeyPath)
            .Replace("server_name diptrader.example.com;", "server_name localhost;")
            .Replace("server 127.0.0.1:8080;", $"server 127.0.0.1:{appPort};")
            .Replace("https://$host$request_uri", $"https://$host:{httpsPort}$request_uri")
            .Replace("/var/www/letsencrypt", webroot);
        await File.WriteAllTextAsync(Path.Combine(directory, "diptrader.conf"), site.Text);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), MainConfig(directory));

        var start = new ProcessStartInfo(nginx);
        foreach (var arg in new[] { "-p", directory + "/", "-c", Path.Combine(directory, "nginx.conf"), "-e", "stderr" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = LoggedProcess.Start(start);
        try
        {
            await Loopback.WaitUntilListeningAsync(process, httpsPort, TimeSpan.FromSeconds(30));
            await Loopback.WaitUntilListeningAsync(process, httpPort, TimeSpan.FromSeconds(30));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new NginxProcess(process, httpPort, httpsPort);
    }

    public void Dispose() => Process.Dispose();

    // What Debian's /etc/nginx/nginx.conf would provide, pointed at the temp directory; the site is included unchanged.
    private static string MainConfig(string directory)
    {
        var temp = Path.Combine(directory, "temp");
        // As root, nginx would hand its workers to 'nobody', who cannot enter the private temp directory.
        var user = Environment.UserName == "root" ? "user root;" : string.Empty;
        return $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log stderr notice;
            {{user}}
            events {
                worker_connections 64;
            }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{directory}}/diptrader.conf;
            }
            """;
    }

    /// <summary>Text replacements that must each find their target, so a reshaped shipped config fails loudly here.</summary>
    private sealed class NginxSite(string text)
    {
        public string Text { get; } = text;

        public NginxSite Replace(string shipped, string test) => Text.Contains(shipped, StringComparison.Ordinal)
            ? new NginxSite(Text.Replace(shipped, test, StringComparison.Ordinal))
            : throw new InvalidOperationException($"deploy/nginx/diptrader.conf no longer contains '{shipped}': update NginxProcess's test copy to match.");
    }
}
