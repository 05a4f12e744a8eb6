using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace DipTrader.Deploy.Tests;

/// <summary>
/// The web app behind nginx (the shipped site config) on loopback with a self-signed certificate. Clients connect
/// from 127.0.0.2 while nginx reaches the app from 127.0.0.1, so the address the app records tells whether it
/// believed nginx's X-Forwarded-For.
/// </summary>
public sealed class ProxiedSite : IAsyncLifetime
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    private string _directory = string.Empty;
    private SelfSignedCertificate? _certificate;
    private WebAppProcess? _app;
    private NginxProcess? _nginx;

    public Uri Https => new($"https://localhost:{Nginx.HttpsPort}/");
    public Uri Http => new($"http://localhost:{Nginx.HttpPort}/");
    public int HttpsPort => Nginx.HttpsPort;

    /// <summary>The app's and nginx's output, for failure messages.</summary>
    public string Logs => $"--- app ---{Environment.NewLine}{_app?.Process.Output}--- nginx ---{Environment.NewLine}{_nginx?.Process.Output}";

    private NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("nginx has not started.");

    public async ValueTask InitializeAsync()
    {
        NginxProcess.Locate();
        _directory = Directory.CreateTempSubdirectory("diptrader-deploy").FullName;
        _certificate = SelfSignedCertificate.Create(_directory, TimeProvider.System);
        _app = await WebAppProcess.StartAsync(Path.Combine(_directory, "data"), new Dictionary<string, string>());
        _nginx = await NginxProcess.StartAsync(Directory.CreateDirectory(Path.Combine(_directory, "nginx")).FullName, _certificate, _app.Port);
    }

    /// <summary>A browser-like client with its own cookie jar, connecting from <see cref="ClientAddress"/>, trusting only this site's certificate.</summary>
    public HttpClient NewClient()
    {
        var thumbprint = _certificate!.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = ConnectFromClientAddressAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint,
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        _app?.Dispose();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<Stream> ConnectFromClientAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(ClientAddress, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
