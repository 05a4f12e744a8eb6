using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DipTrader.Exchanges.Replay;
using DipTrader.Web.Tests.Infrastructure;

namespace DipTrader.Web.Tests.Backtests;

/// <summary>What a person does on the backtest pages: fill in the form (with or without a CSV), wait for the run, read it.</summary>
public static class BacktestSteps
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The form's fields for demo data (every strategy setting left at its default); <paramref name="extra"/> override.</summary>
    public static (string, string)[] DemoForm(string from, string to, params (string Name, string Value)[] extra) =>
        Form([("Form.Source", "demo"), ("Form.Seed", "7"), ("Form.From", from), ("Form.To", to)], extra);

    /// <summary>The form's fields for an uploaded CSV (the file is sent apart).</summary>
    public static (string, string)[] CsvForm(params (string Name, string Value)[] extra) =>
        Form([("Form.Source", "csv"), ("Form.From", ""), ("Form.To", "")], extra);

    /// <summary>Submits the form with a CSV file as a browser does (multipart, with the page's antiforgery token).</summary>
    public static async Task<HtmlPage> PostWithCsvAsync(Session session, string csv, string fileName, params (string Name, string Value)[] fields)
    {
        var token = await session.AntiforgeryTokenAsync("/backtests");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "Form.Csv", fileName);
        using var response = await session.Client.PostAsync("/backtests", content, Token);
        return new HtmlPage(response, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>The id of the backtest a successful form post redirected to.</summary>
    public static int Created(HtmlPage answer)
    {
        Assert.True(answer.Status == HttpStatusCode.Redirect && answer.Location?.StartsWith("/backtests/", StringComparison.Ordinal) == true,
            $"Expected a redirect to the new backtest, got {answer}");
        return int.Parse(answer.Location!["/backtests/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the page's status endpoint, as its script does, until the backtest is done or failed.</summary>
    public static async Task<JsonNode> WaitUntilFinishedAsync(Session session, int id, int timeoutSeconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var status = (await session.ApiAsync(HttpMethod.Get, Url(id, "status"))).Is(HttpStatusCode.OK).Json!;
            if ((string?)status["status"] is "done" or "failed")
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Backtest {id} did not finish in {timeoutSeconds} s: {status.ToJsonString()}");
            await Task.Delay(100, Token);
        }
    }

    public static string Url(int id, string? rest = null) =>
        string.Create(CultureInfo.InvariantCulture, $"/backtests/{id}") + (rest is null ? string.Empty : "/" + rest);

    /// <summary>Demo candles written as the CSV a user would upload (with a header line).</summary>
    public static string CandleCsv(DateTimeOffset start, int days, int seed = 3, string symbol = "BTCUSDT")
    {
        var candles = DemoCandles.Generate(symbol, seed, start, start.AddDays(days)).Minutes;
        var csv = new StringBuilder("time,open,high,low,close,volume\n");
        foreach (var c in candles.AsEnumerable())
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.OpenTime},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}\n");
        }
        return csv.ToString();
    }

    private static (string, string)[] Form((string Name, string Value)[] source, (string Name, string Value)[] extra)
    {
        (string Name, string Value)[] defaults =
        [
            ("Form.Name", ""), ("Form.Symbol", "BTCUSDT"), ("Form.Side", "Long"), ("Form.Leverage", "10"), ("Form.EmaInterval", "1"),
            ("Form.Balance", "10000"), ("Form.Cadence", "5"), ("Form.MakerFee", "0.0001"), ("Form.TakerFee", "0.0006"),
            ("Form.FundingRate", "0.0001"), ("Form.MaintenanceRate", "0.005"), ("Form.PostOnly", "true"), .. source,
        ];
        var overridden = extra.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return [.. defaults.Where(d => !overridden.Contains(d.Name)).Select(d => (d.Name, d.Value)), .. extra.Select(e => (e.Name, e.Value))];
    }
}
