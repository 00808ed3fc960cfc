using FastSgns.Tests.Support;

namespace FastSgns.Tests;

public class PackagingTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>
    /// Packs the already-built CLI as a dotnet tool, installs it from a private feed into a temporary tool path and
    /// runs it. --no-build: rebuilding here would rewrite assemblies this test run has loaded.
    /// </summary>
    [Fact]
    public void DotnetTool_PacksInstallsAndRuns()
    {
        string dotnet = ExternalProcess.Dotnet;
        if (!ExternalProcess.Succeeds(dotnet, "--version"))
        {
            RequiredInCi.Missing("packaging", "dotnet is not on PATH, so the tool cannot be packed and installed.");
        }

        string repository = RepositoryRoot();
        using TempDirectory feedDirectory = new(), toolsDirectory = new();
        string feed = feedDirectory.Path, tools = toolsDirectory.Path;
        string config = Path.Combine(feed, "nuget.config");
        // Only the private feed: a package of the same name on a public feed must not be installed instead.
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
            """);

        var pack = ExternalProcess.Run(dotnet, ["pack", Path.Combine(repository, "src", "FastSgns.Cli", "FastSgns.Cli.csproj"),
            "-c", Configuration, "--no-build", "-nologo", "-o", feed], TimeSpan.FromSeconds(120));
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var install = ExternalProcess.Run(dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "FastSgns.Cli"],
            TimeSpan.FromSeconds(120), workingDirectory: feed);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var help = ExternalProcess.Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "fastsgns.exe" : "fastsgns"), ["--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("train", help.Output);
        Assert.Contains("similar", help.Output);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastSgns.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no FastSgns.sln above {AppContext.BaseDirectory}");
    }
}
