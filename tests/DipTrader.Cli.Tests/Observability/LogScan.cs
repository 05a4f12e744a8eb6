using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DipTrader.Testing.FakePhemex;
using DipTrader.Trading.Market;

namespace DipTrader.Cli.Tests.Observability;

/// <summary>What the observability tests read from a process: its JSON log lines and their scopes, and the secrets that must not be there.</summary>
internal static class LogScan
{
    /// <summary>Every log level a process has, opened all the way: what is never logged even at Trace is never logged.</summary>
    public static readonly IReadOnlyDictionary<string, string> Everything = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Trace",
        ["Logging__LogLevel__Microsoft"] = "Trace",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Trace",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace",
        ["Logging__LogLevel__Quartz"] = "Trace",
    };

    /// <summary>Fails naming the secret and the line it is on (the secret itself masked), if any of them appears.</summary>
    public static void AssertNoSecrets(string logs, params (string Name, string Value)[] secrets)
    {
        Assert.True(logs.Length > 0, "no logs to scan");
        foreach (var (name, value) in secrets)
        {
            Assert.True(value.Length >= 8, $"{name} is too short to scan for");
            var line = logs.Split('\n').FirstOrDefault(l => l.Contains(value, StringComparison.Ordinal));
            Assert.True(line is null, $"The logs contain the {name}: {line?.Replace(value, "<" + name + ">", StringComparison.Ordinal)}");
        }
    }

    /// <summary>The lines of <paramref name="output"/>, each of which must be one JSON log entry.</summary>
    public static List<JsonElement> JsonLines(string output)
    {
        var lines = new List<JsonElement>();
        foreach (var line in output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                Assert.Fail($"Not a JSON log line: {line}");
            }
        }
        return lines;
    }

    /// <summary>The named values of every scope around a JSON log line (later scopes win), as text.</summary>
    public static Dictionary<string, string> Scopes(JsonElement line)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (line.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array)
        {
            foreach (var scope in scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in scope.EnumerateObject().Where(p => p.Name != "Message" && p.Name != "{OriginalFormat}"))
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        return values;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A market where a long bot with automatic mode opens at once (rule N1): 1-minute EMAs near 90, the hourly EMA at
    /// 110, a calm 5-minute window, the price at 100 (as in StandaloneRunTests).
    /// </summary>
    public static void SetOpeningMarket(FakePhemexServer phemex, string symbol)
    {
        phemex.SetCandles(symbol, 1, Flat(90m, 1000, 1));
        phemex.SetCandles(symbol, 60, Flat(110m, 1000, 60));
        phemex.SetCandles(symbol, 5, Flat(100m, 100, 5));
        phemex.SetPrice(symbol, 100m);
    }

    public const string StrategyConfig = """{"first_order_margin":0.009,"target_margin":0.005,"min_profit_of_balance":0.0005,"reduce_steps":[[1.0,0.5],[0.8,0.33]]}""";

    public static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up after {timeout.TotalSeconds} s; {explain()}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static Candle[] Flat(decimal price, int count, int intervalMinutes)
    {
        var seconds = intervalMinutes * 60L;
        var lastClosed = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / seconds - 1) * seconds;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var close = price + (i % 2 == 0 ? 0.05m : -0.05m);
            return new Candle(lastClosed - (count - 1 - i) * seconds, price, Math.Max(price, close) + 0.05m, Math.Min(price, close) - 0.05m, close, 10m);
        })];
    }
}
