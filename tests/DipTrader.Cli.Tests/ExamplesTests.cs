namespace DipTrader.Cli.Tests;

/// <summary>Each example under examples/ gives the decision its README table documents.</summary>
public sealed class ExamplesTests
{
    private static string ExamplesDirectory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static TheoryData<string, string, string, string, string, string> DocumentedDecisions()
    {
        var data = new TheoryData<string, string, string, string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(ExamplesDirectory, "README.md")))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length == 8 && cells[1].EndsWith(".json", StringComparison.Ordinal))
            {
                data.Add(cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]);
            }
        }
        return data;
    }

    [Fact]
    public void Every_example_file_is_documented()
    {
        var documented = DocumentedDecisions().Select(row => row.Data.Item1).Order();
        var files = Directory.GetFiles(ExamplesDirectory, "*.json").Select(Path.GetFileName).Order();
        Assert.Equal(files, documented);
    }

    [Theory]
    [MemberData(nameof(DocumentedDecisions))]
    public async Task Example_gives_its_documented_decision(string file, string rule, string action, string side, string quantity, string price)
    {
        var result = await CliRunner.RunAsync(["explain", "--input", Path.Combine(ExamplesDirectory, file)]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var json = result.Json;
        Assert.Equal(rule, json.GetProperty("rule").GetString());
        Assert.Equal(action, json.GetProperty("action").GetString());
        Assert.Equal(side.Length == 0 ? null : side, json.GetProperty("side").GetString());
        Assert.Equal(quantity.Length == 0 ? "null" : quantity, json.GetProperty("quantity").GetRawText());
        Assert.Equal(price.Length == 0 ? "null" : price, json.GetProperty("price").GetRawText());
    }

    [Fact]
    public async Task Text_format_prints_the_rule_the_order_and_the_reason_for_a_person()
    {
        var result = await CliRunner.RunAsync(["explain", "-i", Path.Combine(ExamplesDirectory, "short-takes-half-profit.json"), "--format", "text"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Decision:   T2 Reduce: Buy 1.75 ETHUSDT @ 2990 reduce-only", result.Output);
        Assert.Contains("Why:        Taking profit", result.Output);
    }
}
