namespace DipTrader.Browser.Tests;

/// <summary>Where the browser tests leave what a person looks at: <c>$DIPTRADER_TEST_ARTIFACTS/screenshots</c> (set by <c>scripts/test</c>), else the test output.</summary>
internal static class Artifacts
{
    public static string Root { get; } = Environment.GetEnvironmentVariable("DIPTRADER_TEST_ARTIFACTS") is { Length: > 0 } root
        ? Path.GetFullPath(root)
        : AppContext.BaseDirectory;

    public static string Screenshots { get; } = Path.Combine(Root, "screenshots");

    public static string PathOf(string fileName)
    {
        Directory.CreateDirectory(Screenshots);
        return Path.Combine(Screenshots, fileName);
    }
}
