using System.Globalization;
using DipTrader.Data.Entities;
using DipTrader.Testing.FakePhemex;

namespace DipTrader.Benchmarks.Scheduler;

/// <summary>The figures of one cycle: every bot due at <c>DueAt</c>, measured from the bot_runs rows and the fake exchange's request log.</summary>
internal sealed record CycleFigures(
    int Bots,
    int PairRuns,
    int FailedRuns,
    int FailedPairs,
    double WallSeconds,
    double FirstStartSeconds,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LagP50Ms,
    double LagP99Ms,
    RequestCounts Requests)
{
    public double RunsPerSecond => Bots / WallSeconds;

    public double PairRunsPerSecond => PairRuns / WallSeconds;

    public static CycleFigures From(IReadOnlyList<BotRun> runs, DateTime dueAt, RequestCounts requests)
    {
        var wall = (runs.Max(r => r.FinishedAt ?? r.StartedAt) - dueAt).TotalSeconds;
        var latencies = runs.Select(r => ((r.FinishedAt ?? r.StartedAt) - r.StartedAt).TotalMilliseconds).Order().ToList();
        var lags = runs.Select(r => (r.StartedAt - dueAt).TotalMilliseconds).Order().ToList();
        return new CycleFigures(
            runs.Count,
            runs.Sum(r => r.PairsOk + r.PairsFailed),
            runs.Count(r => r.Outcome != RunOutcomes.Ok),
            runs.Sum(r => r.PairsFailed),
            wall,
            lags[0] / 1000,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            Percentile(lags, 0.50),
            Percentile(lags, 0.99),
            requests);
    }

    public string Describe(string label)
    {
        var r = Requests;
        var perPair = PairRuns == 0 ? 0 : 1.0 / PairRuns;
        return string.Create(CultureInfo.InvariantCulture, $"""
              {label}: {Bots:N0} bot runs, {PairRuns:N0} pair-runs ({FailedRuns} runs / {FailedPairs} pairs failed)
                wall {WallSeconds:0.0} s from due time (first run started at +{FirstStartSeconds:0.0} s); {RunsPerSecond:0.0} runs/s, {PairRunsPerSecond:0} pair-runs/s
                run latency p50 {LatencyP50Ms:0} ms, p99 {LatencyP99Ms:0} ms; start lag p50 {LagP50Ms / 1000:0.0} s, p99 {LagP99Ms / 1000:0.0} s
                requests: market data {r.Market:N0} ({r.Market * perPair:0.000}/pair-run: {r.Describe(r.MarketByPath)}), private {r.Private:N0} ({r.Private * perPair:0.000}/pair-run: {r.Describe(r.PrivateByPath)}); HTTP 429: {r.TooMany}
            """);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>Requests the fake exchange received, split into public market data and signed (private) calls.</summary>
internal sealed record RequestCounts(int Market, int Private, int TooMany, IReadOnlyDictionary<string, int> MarketByPath, IReadOnlyDictionary<string, int> PrivateByPath)
{
    public static RequestCounts Of(IEnumerable<FakeRequest> requests)
    {
        var list = requests.ToList();
        var market = list.Where(r => r.ApiKey is null).ToList();
        var signed = list.Where(r => r.ApiKey is not null).ToList();
        return new RequestCounts(market.Count, signed.Count, list.Count(r => r.Status == 429), ByPath(market), ByPath(signed));
    }

    public string Describe(IReadOnlyDictionary<string, int> byPath) =>
        string.Join(", ", byPath.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));

    private static Dictionary<string, int> ByPath(List<FakeRequest> requests) =>
        requests.GroupBy(r => $"{r.Method} {ShortPath(r.Path)}").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string ShortPath(string path) => path switch
    {
        "/exchange/public/md/v2/kline/last" => "kline",
        "/md/v3/ticker/24hr" => "ticker",
        "/public/products" => "products",
        _ => path,
    };
}
