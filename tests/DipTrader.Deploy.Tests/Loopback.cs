using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DipTrader.Deploy.Tests;

/// <summary>Free loopback ports, and waiting for a process to listen on one.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="port"/> accepts connections; fails with the process's output if it exits or never listens.</summary>
    public static async Task WaitUntilListeningAsync(LoggedProcess process, int port, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited before listening on 127.0.0.1:{port}:{Environment.NewLine}{process.Output}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (started.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"{process.Name} did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s:{Environment.NewLine}{process.Output}", e);
            }
        }
    }
}
