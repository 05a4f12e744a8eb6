using System.Globalization;
using DipTrader.Trading.Market;

namespace DipTrader.Trading.Tests.Indicators;

/// <summary>Candles and expected values written by Reference/indicators.py (an independent computation).</summary>
internal static class ReferenceData
{
    private static readonly Lazy<Dictionary<string, CandleSeries>> Series = new(LoadCandles);
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Expected = new(LoadExpected);

    public static IEnumerable<string> SeriesNames => Expected.Value.Keys;

    public static CandleSeries Candles(string name) => Series.Value[name];

    public static double? Value(string series, string key)
    {
        var text = Expected.Value[series][key];
        return text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
    }

    public static string Text(string series, string key) => Expected.Value[series][key];

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Reference", file);

    private static Dictionary<string, CandleSeries> LoadCandles()
    {
        var rows = File.ReadAllLines(PathOf("candles.csv")).Skip(1).Select(l => l.Split(','));
        return rows.GroupBy(r => r[0]).ToDictionary(
            g => g.Key,
            g => CandleSeries.From(5, [.. g.Select(r => new Candle(
                long.Parse(r[1], CultureInfo.InvariantCulture),
                decimal.Parse(r[2], CultureInfo.InvariantCulture),
                decimal.Parse(r[3], CultureInfo.InvariantCulture),
                decimal.Parse(r[4], CultureInfo.InvariantCulture),
                decimal.Parse(r[5], CultureInfo.InvariantCulture),
                decimal.Parse(r[6], CultureInfo.InvariantCulture)))]));
    }

    private static Dictionary<string, Dictionary<string, string>> LoadExpected()
    {
        var lines = File.ReadAllLines(PathOf("expected.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            cells => cells[0],
            cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second));
    }
}
