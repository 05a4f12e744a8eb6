using System.Runtime.CompilerServices;

namespace DipTrader.Data.Tests.Security;

/// <summary>
/// Finds the checked-in data files beside these tests: copied next to the test assembly when the
/// project copies them, else in the source tree (found from this file's path or by walking up).
/// </summary>
internal static class SecurityTestFiles
{
    private const string FromRepositoryRoot = "tests/DipTrader.Data.Tests/Security";

    public static string PathOf(string relativePath) => PathOf(relativePath, ThisFile());

    private static string PathOf(string relativePath, string thisFile)
    {
        var candidates = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "Security", relativePath),
            Path.Combine(Path.GetDirectoryName(thisFile) ?? "", relativePath),
        };
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, FromRepositoryRoot, relativePath));
            }
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"Test data '{relativePath}' not found; looked in: {string.Join(", ", candidates.Take(3))}");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
