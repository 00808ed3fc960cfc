using FastSgns.Tests.Packaging;
using FastSgns.Tests.Support;

namespace FastSgns.Tests;

public class PackagingTests
{
    /// <summary>
    /// Installs the packed CLI (<see cref="PackedPackages"/>) from a private feed into a temporary tool path and runs
    /// it, with the C kernel when it was built: the tool finds it under runtimes/linux-x64/native/.
    /// </summary>
    [Fact]
    public void DotnetTool_PacksInstallsAndRuns()
    {
        PackedPackages packages = PackedPackages.Get();
        string dotnet = ExternalProcess.Dotnet;
        using TempDirectory configDirectory = new(), toolsDirectory = new(), work = new();
        string tools = toolsDirectory.Path;
        string config = Path.Combine(configDirectory.Path, "nuget.config");
        // Only the private feed: a package of the same name on a public feed must not be installed instead.
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages.Feed}" /></packageSources></configuration>
            """);
        string version = (string)PackedPackages.Nuspec(packages.Tool).Descendants().Single(e => e.Name.LocalName == "version");

        var install = ExternalProcess.Run(dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "FastSgns.Cli", "--version", version],
            TimeSpan.FromSeconds(120), workingDirectory: configDirectory.Path);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        string fastsgns = Path.Combine(tools, OperatingSystem.IsWindows() ? "fastsgns.exe" : "fastsgns");
        var help = ExternalProcess.Run(fastsgns, ["--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("train", help.Output);
        Assert.Contains("similar", help.Output);

        if (PackageContentsTests.NativeKernelBuilt(packages.Repository) && OperatingSystem.IsLinux())
        {
            string corpus = work.Write("c.txt", string.Concat(Enumerable.Repeat("the cat sat on the mat and the dog ran to the park\n", 200)));
            var train = ExternalProcess.Run(fastsgns, ["train", "-i", corpus, "-o", work.File("v.txt"), "--kernel", "native-scalar",
                "--min-count", "1", "--epochs", "1", "--threads", "1", "--dim", "8", "-q"]);
            Assert.True(train.ExitCode == 0, $"the installed tool did not load its C kernel: {train.Error}");
        }
    }
}
