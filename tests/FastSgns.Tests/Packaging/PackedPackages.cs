using System.IO.Compression;
using System.Xml.Linq;

namespace FastSgns.Tests.Packaging;

/// <summary>
/// Both packages — FastSgns (library) and FastSgns.Cli (dotnet tool) with their .snupkg symbol packages — packed once
/// per test run from the already-built binaries into a private folder, for every packaging test to read or install
/// from. --no-build: rebuilding here would rewrite assemblies this test run has loaded. Packing once also keeps two
/// tests from writing the same obj/ files at the same time.
/// </summary>
internal sealed class PackedPackages
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static readonly Lazy<PackedPackages> s_packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly TempDirectory s_feed = new();

    static PackedPackages() => AppDomain.CurrentDomain.ProcessExit += (_, _) => s_feed.Dispose();

    private PackedPackages(string feed, string repository)
    {
        Feed = feed;
        Repository = repository;
        Library = Single(feed, "FastSgns.*.nupkg", except: "FastSgns.Cli.");
        LibrarySymbols = Path.ChangeExtension(Library, ".snupkg");
        Tool = Single(feed, "FastSgns.Cli.*.nupkg", except: null);
        ToolSymbols = Path.ChangeExtension(Tool, ".snupkg");
    }

    /// <summary>The folder holding the four packages: a NuGet feed.</summary>
    public string Feed { get; }

    /// <summary>The repository the packages were packed from (FastSgns.sln's folder).</summary>
    public string Repository { get; }

    public string Library { get; }

    public string LibrarySymbols { get; }

    public string Tool { get; }

    public string ToolSymbols { get; }

    /// <summary>The packages, packed on first use; skips (fails under CI) when dotnet cannot be run.</summary>
    public static PackedPackages Get()
    {
        if (!ExternalProcess.Succeeds(ExternalProcess.Dotnet, "--version"))
        {
            RequiredInCi.Missing("packaging", "dotnet is not on PATH, so the packages cannot be packed.");
        }

        return s_packed.Value;
    }

    /// <summary>The .nuspec inside <paramref name="package"/>.</summary>
    public static XElement Nuspec(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XElement.Load(stream);
    }

    /// <summary>The entry names (paths inside the zip) of <paramref name="package"/>.</summary>
    public static IReadOnlyList<string> Entries(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    public static byte[] Read(string package, string entryName)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{Path.GetFileName(package)} has no {entryName}");
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string RepositoryRoot()
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

    private static PackedPackages Pack()
    {
        string repository = RepositoryRoot();
        foreach (string project in new[] { "FastSgns.Api", "FastSgns.Cli" })
        {
            var pack = ExternalProcess.Run(ExternalProcess.Dotnet,
                ["pack", Path.Combine(repository, "src", project, project + ".csproj"), "-c", Configuration, "--no-build", "-nologo", "-o", s_feed.Path],
                TimeSpan.FromSeconds(300));
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}{pack.Error}");
        }

        return new PackedPackages(s_feed.Path, repository);
    }

    private static string Single(string feed, string pattern, string? except)
    {
        string[] found = [.. Directory.GetFiles(feed, pattern).Where(f => except is null || !Path.GetFileName(f).StartsWith(except, StringComparison.Ordinal))];
        Assert.True(found.Length == 1, $"expected one {pattern} in {feed}, found: {string.Join(", ", found.Select(Path.GetFileName))}");
        return found[0];
    }
}
