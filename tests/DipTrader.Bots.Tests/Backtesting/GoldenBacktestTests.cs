using DipTrader.Bots.Backtesting;

namespace DipTrader.Bots.Tests.Backtesting;

/// <summary>
/// Golden regression backtests: fixed scenarios whose figures and ordered fill list are pinned. Any change
/// that moves a trade fails here with the lines that differ; if the change is meant, rerun with
/// DIPTRADER_UPDATE_GOLDEN=1 and review the golden diff in the commit.
/// </summary>
public sealed class GoldenBacktestTests
{
    public static TheoryData<string> Scenarios => [.. GoldenScenario.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Backtest_matches_its_golden_figures_and_fills(string name)
    {
        var scenario = GoldenScenario.All.Single(s => s.Name == name);

        var report = await new Backtester().RunAsync(scenario.Request(), null, TestContext.Current.CancellationToken);

        foreach (var coverage in scenario.MustCover)
        {
            Assert.True(coverage.IsCovered(report), $"{name} no longer covers {coverage.Description}: pick other candles or settings for it.");
        }
        var fills = GoldenFiles.Fills(report);
        var summary = GoldenFiles.Summary(name, report, fills);
        if (GoldenFiles.Updating)
        {
            await File.WriteAllTextAsync(Path.Combine(GoldenFiles.SourceDirectory(), $"{name}.json"), summary, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(GoldenFiles.SourceDirectory(), $"{name}.fills.txt"), fills, TestContext.Current.CancellationToken);
            return;
        }
        var expectedSummary = await File.ReadAllTextAsync(GoldenFiles.Input($"{name}.json"), TestContext.Current.CancellationToken);
        var expectedFills = await File.ReadAllTextAsync(GoldenFiles.Input($"{name}.fills.txt"), TestContext.Current.CancellationToken);
        Assert.True(expectedFills == fills, $"{name}: the fills moved (first differences; - golden, + now):\n{GoldenFiles.Diff(expectedFills, fills)}");
        Assert.True(expectedSummary == summary, $"{name}: the figures moved (- golden, + now):\n{GoldenFiles.Diff(expectedSummary, summary)}");
    }

    [Fact]
    public async Task The_same_backtest_twice_gives_the_same_fills()
    {
        var scenario = GoldenScenario.All[0];

        var first = await new Backtester().RunAsync(scenario.Request(), null, TestContext.Current.CancellationToken);
        var second = await new Backtester().RunAsync(scenario.Request(), null, TestContext.Current.CancellationToken);

        Assert.Equal(GoldenFiles.Fills(first), GoldenFiles.Fills(second));
    }
}
