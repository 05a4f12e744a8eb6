using DipTrader.Exchanges.Replay;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Replay;

/// <summary>Reading 1-minute candles from CSV, and saying exactly which line is wrong and why.</summary>
public sealed class CandleCsvTests
{
    [Fact]
    public void Rows_with_an_optional_header_and_gaps_read_as_candles()
    {
        var series = Read("time,open,high,low,close,volume\n1700000040,10,11,9,10.5,3\n\n1700000160, 10.5 ,12,10,11,4.25\n");

        Assert.Equal(
            [new Candle(1700000040, 10m, 11m, 9m, 10.5m, 3m), new Candle(1700000160, 10.5m, 12m, 10m, 11m, 4.25m)],
            series.AsEnumerable());
    }

    [Theory]
    [InlineData("1700000040,10,11,9,10.5,3\n1700000100,10,1x1,9,10,3\n", 2, "high '1x1' is not a number")]
    [InlineData("1700000040,10,11,9,10.5,3\n1700000040,10,11,9,10,3\n", 2, "time 1700000040 repeats the previous row (duplicate candle)")]
    [InlineData("1700000100,10,11,9,10.5,3\n1700000040,10,11,9,10,3\n", 2, "time 1700000040 goes backwards (previous row has 1700000100)")]
    [InlineData("1700000040,10,11,9,10.5\n", 1, "expected 6 fields (unix seconds,open,high,low,close,volume), found 5")]
    [InlineData("1700000040,10,11,9,10.5,3,7\n", 1, "expected 6 fields")]
    [InlineData("1700000040000,10,11,9,10.5,3\n", 1, "looks like milliseconds")]
    [InlineData("1700000050,10,11,9,10.5,3\n", 1, "not on a minute boundary")]
    [InlineData("1700000040,10,11,9,12,3\n", 1, "high 11 and low 9 do not contain open 10 and close 12")]
    [InlineData("1700000040,0,11,0,10.5,3\n", 1, "open price 0 is not positive")]
    [InlineData("1700000040,10,11,9,10.5,-1\n", 1, "volume -1 is negative")]
    [InlineData("time,open,high,low,close,volume\nt2,1,1,1,1,1\n", 2, "time 't2' is not a whole number of unix seconds")]
    public void Bad_row_is_reported_with_its_line_number_and_what_is_wrong(string csv, int line, string problem)
    {
        var error = Assert.Throws<CandleCsvException>(() => Read(csv));

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"btc.csv: line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"candles-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "1700000040,10,11,9,10.5,3\n1700000100,10,11,9,x,3\n");
        try
        {
            var error = Assert.Throws<CandleCsvException>(() => CandleCsv.Load(path));
            Assert.Equal(Path.GetFileName(path), error.FileName);
            Assert.Equal(2, error.LineNumber);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static CandleSeries Read(string csv) => CandleCsv.Read(new StringReader(csv), "btc.csv");
}
