using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace DipTrader.Deploy.Tests;

/// <summary>
/// The deploy files cannot be run here (no Docker, no systemd), so at least they must not rot: everything the
/// Dockerfile copies exists, every project it publishes is in the solution, and the units start what is published.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static string Root([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public void Everything_the_dockerfile_copies_from_the_repository_exists()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root(), "deploy", "docker", "Dockerfile"));

        var sources = dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();

        Assert.True(sources.Count > 10, "the Dockerfile copies the solution files and every project");
        Assert.All(sources, source => Assert.True(
            File.Exists(Path.Combine(Root(), source)) || Directory.Exists(Path.Combine(Root(), source)),
            $"deploy/docker/Dockerfile copies {source}, which is not in the repository"));
        var published = dockerfile.SelectMany(l => PublishedProject().Matches(l)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["src/DipTrader.Cli/DipTrader.Cli.csproj", "src/DipTrader.Web/DipTrader.Web.csproj"], published.Order());
        var solution = File.ReadAllText(Path.Combine(Root(), "DipTrader.slnx"));
        Assert.All(published, project => Assert.Contains(project, solution, StringComparison.Ordinal));
    }

    [Fact]
    public void The_units_and_compose_start_the_published_web_app_and_workers()
    {
        var web = File.ReadAllText(Path.Combine(Root(), "deploy", "systemd", "diptrader-web.service"));
        var worker = File.ReadAllText(Path.Combine(Root(), "deploy", "systemd", "diptrader-worker@.service"));
        var compose = File.ReadAllText(Path.Combine(Root(), "deploy", "docker", "docker-compose.yml"));

        Assert.Contains("ExecStart=/usr/bin/dotnet /opt/diptrader/web/DipTrader.Web.dll", web, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://127.0.0.1:8080", web, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:8080;", File.ReadAllText(Path.Combine(Root(), "deploy", "nginx", "diptrader.conf")), StringComparison.Ordinal);
        Assert.Contains("ExecStart=/opt/diptrader/cli/diptrader worker", worker, StringComparison.Ordinal);
        Assert.Contains("SCHEDULER_INSTANCE=", worker, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(compose, "entrypoint: \\[\"diptrader\", \"worker\"\\]").Count);
        Assert.Contains("SCHEDULER_ENABLED: \"false\"", compose, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1:8080:8080\"", compose, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();
}
