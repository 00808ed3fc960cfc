using System.Text.RegularExpressions;
using FastSgns.Tests.Packaging;

namespace FastSgns.Tests.Api;

/// <summary>
/// The "Training from C#" program of src/FastSgns.Api/README.md, as a new user would run it: taken from the README
/// as it stands, put into a fresh console app that references the FastSgns package from a local folder feed (packed
/// once per test run from the build under test), restored with an empty NuGet cache so that no package cached earlier can stand
/// in for it, built and run. Its output must show the three ways of training agreeing, cancellation, and queries.
/// </summary>
public sealed partial class ReadmeTrainingSampleTests
{
    [Fact]
    public void ReadmeProgram_BuildsAgainstThePackedPackage_AndRuns()
    {
        // The packages this test run packed once (Packaging/PackedPackages), from the binaries under test.
        PackedPackages packages = PackedPackages.Get();
        string dotnet = ExternalProcess.Dotnet;
        string program = TrainingProgram(File.ReadAllText(Path.Combine(packages.Repository, "src", "FastSgns.Api", "README.md")));
        using var temp = new TempDirectory();
        string feed = packages.Feed;
        string app = Directory.CreateDirectory(Path.Combine(temp.Path, "app")).FullName;
        string cache = Directory.CreateDirectory(Path.Combine(temp.Path, "nuget-packages")).FullName;
        string version = PackageVersion(Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName)!);

        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        File.WriteAllText(Path.Combine(app, "SampleApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FastSgns" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        // The local feed beside the configured ones (which serve the package's own dependencies).
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="fastsgns-local" value="{feed}" /></packageSources></configuration>
            """);
        // An empty package cache of its own, and no build servers left running after the test (they would hold its pipes).
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = cache,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };

        var build = ExternalProcess.Run(dotnet, ["build", app, "-c", "Release", "-nologo", "-v", "quiet", "-p:UseSharedCompilation=false"], TimeSpan.FromMinutes(8), app, environment);
        Assert.True(build.ExitCode == 0, build.Output + build.Error);
        Assert.True(Directory.Exists(Path.Combine(cache, "fastsgns", version)), $"FastSgns {version} was not restored into the test's own cache");
        var run = ExternalProcess.Run(dotnet, [Path.Combine(app, "bin", "Release", "net10.0", "SampleApp.dll")], TimeSpan.FromMinutes(3), app, environment);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(7, lines.Length);
        Assert.Equal("files: 21 words, 32 dimensions", lines[0]);
        Assert.Equal("stream: same vectors as from the file: True", lines[1]);
        Assert.Equal("sentences: same vectors as from the file: True", lines[2]);
        Assert.Matches(@"^progress: [1-9]\d* snapshots, the last at 100", lines[3]);
        Assert.Equal("endless source: cancelled; the work directory holds corpus.txt", lines[4]);
        // King's three nearest words are all from its own topic.
        Assert.Matches(@"^king: (queen|prince|princess|throne|crown|palace) \d\.\d\d, (queen|prince|princess|throne|crown|palace) \d\.\d\d, (queen|prince|princess|throne|crown|palace) \d\.\d\d$", lines[5]);
        Match similarity = SimilarityLine().Match(lines[6]);
        Assert.True(similarity.Success, lines[6]);
        Assert.True(double.Parse(similarity.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >
                    double.Parse(similarity.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), lines[6]);
        Assert.Contains("train: kernel", run.Error); // the Log lines went to stderr
    }

    [Fact]
    public void PackageVersion_IsReadFromTheFileName_NotTheCliOrSymbols()
    {
        Assert.Equal("0.2.0-alpha.0.14", PackageVersion(["FastSgns.Cli.0.2.0-alpha.0.14.nupkg", "FastSgns.0.2.0-alpha.0.14.snupkg", "FastSgns.0.2.0-alpha.0.14.nupkg"]));
        Assert.Equal("1.0.0", PackageVersion(["FastSgns.1.0.0.nupkg"]));
    }

    /// <summary>The first C# block after the "Training from C#" heading: the whole Program.cs.</summary>
    internal static string TrainingProgram(string readme)
    {
        int section = readme.IndexOf("### Training from C#", StringComparison.Ordinal);
        Assert.True(section >= 0, "the API README has no \"### Training from C#\" section");
        const string fence = "```csharp\n";
        int start = readme.IndexOf(fence, section, StringComparison.Ordinal) + fence.Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.True(start >= fence.Length && end > start, "no C# block in the Training from C# section");
        return readme[start..(end + 1)];
    }

    /// <summary>The version in "FastSgns.VERSION.nupkg" (the library, not FastSgns.Cli, not a .snupkg).</summary>
    internal static string PackageVersion(IEnumerable<string> fileNames)
    {
        string[] versions = [.. fileNames.Select(n => LibraryPackage().Match(n)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
        return Assert.Single(versions);
    }

    [GeneratedRegex(@"^FastSgns\.(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.\-+]*)?)\.nupkg$")]
    private static partial Regex LibraryPackage();

    [GeneratedRegex(@"^similarity\(dog, puppy\) = (-?\d\.\d\d), similarity\(dog, engine\) = (-?\d\.\d\d)$")]
    private static partial Regex SimilarityLine();
}
