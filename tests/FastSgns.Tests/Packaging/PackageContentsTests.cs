using System.Diagnostics;
using System.Reflection.Metadata;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;

namespace FastSgns.Tests.Packaging;

/// <summary>
/// Issue #14, "a package .NET users trust": opens the packed FastSgns and FastSgns.Cli packages and their symbol
/// packages and checks what a user relies on — licence, readme, repository and commit, a version from git, XML docs
/// beside each assembly, portable PDBs carrying SourceLink, the C kernel only under runtimes/&lt;rid&gt;/native/,
/// and a tool of at most 5 MB.
/// </summary>
public sealed class PackageContentsTests
{
    private const long ToolSizeLimit = 5_000_000;

    /// <summary>SourceLink's custom debug information kind in a portable PDB (the JSON map of documents to URLs).</summary>
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static bool NativeKernelBuilt(string repository) => File.Exists(Path.Combine(repository, "native", "build", "libfastsgns_native.so"));

    [Fact]
    public void BothPackages_DeclareLicenceReadmeRepositoryAndCommit_AndShipTheFiles()
    {
        PackedPackages packages = PackedPackages.Get();
        string head = Git(packages.Repository, "rev-parse", "HEAD");

        foreach (string package in new[] { packages.Library, packages.Tool })
        {
            XElement nuspec = PackedPackages.Nuspec(package);
            string name = Path.GetFileName(package);
            XElement license = Element(nuspec, "license");
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            Assert.Equal("README.md", Element(nuspec, "readme").Value);
            XElement repository = Element(nuspec, "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));
            Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"));
            Assert.Equal(head, (string?)repository.Attribute("commit"));
            Assert.Equal((string?)repository.Attribute("url"), Element(nuspec, "projectUrl").Value);
            Assert.False(string.IsNullOrWhiteSpace(Element(nuspec, "description").Value), name);

            IReadOnlyList<string> entries = PackedPackages.Entries(package);
            Assert.Contains("LICENSE", entries);
            Assert.Contains("MIT License", System.Text.Encoding.UTF8.GetString(PackedPackages.Read(package, "LICENSE")));
            string readme = System.Text.Encoding.UTF8.GetString(PackedPackages.Read(package, "README.md"));
            Assert.Contains((string)repository.Attribute("url")!, readme);
        }
    }

    [Fact]
    public void Version_ComesFromGit_AndIsStampedIntoTheAssemblies()
    {
        PackedPackages packages = PackedPackages.Get();
        string head = Git(packages.Repository, "rev-parse", "HEAD");
        string version = Element(PackedPackages.Nuspec(packages.Library), "version").Value;

        Assert.NotEqual("0.1.0", version); // the version fixed in the project files before issue #14
        Assert.Equal(version, Element(PackedPackages.Nuspec(packages.Tool), "version").Value);
        // MinVer: a v-tag on HEAD gives its version; otherwise a pre-release after the latest v-tag (or 0.2.0 when
        // there is none) that counts the commits since, so every commit packs to a version of its own.
        string? tag = TryGit(packages.Repository, "describe", "--tags", "--exact-match", "--match", "v[0-9]*");
        if (tag is not null)
        {
            Assert.Equal(tag[1..], version);
        }
        else
        {
            Assert.Matches(@"^\d+\.\d+\.\d+-alpha\.0\.\d+$", version);
        }

        using TempDirectory temp = new();
        foreach ((string package, string entry) in new[] { (packages.Library, "lib/net10.0/FastSgns.Core.dll"), (packages.Tool, "tools/net10.0/any/fastsgns.dll") })
        {
            string dll = temp.File(Path.GetFileName(entry));
            File.WriteAllBytes(dll, PackedPackages.Read(package, entry));
            Assert.Equal($"{version}+{head}", FileVersionInfo.GetVersionInfo(dll).ProductVersion);
        }
    }

    [Fact]
    public void Library_CarriesXmlDocsBesideEachAssembly()
    {
        PackedPackages packages = PackedPackages.Get();
        IReadOnlyList<string> entries = PackedPackages.Entries(packages.Library);

        foreach (string assembly in new[] { "FastSgns.Api", "FastSgns.Core" })
        {
            Assert.Contains($"lib/net10.0/{assembly}.dll", entries);
            Assert.Contains($"lib/net10.0/{assembly}.xml", entries);
        }

        // The facade's documentation reaches IntelliSense: SgnsModel and its members are described.
        XElement docs = XElement.Parse(System.Text.Encoding.UTF8.GetString(PackedPackages.Read(packages.Library, "lib/net10.0/FastSgns.Api.xml")));
        string[] members = [.. docs.Descendants("member").Select(m => (string)m.Attribute("name")!)];
        Assert.Contains("T:FastSgns.SgnsModel", members);
        Assert.Contains(members, m => m.StartsWith("M:FastSgns.SgnsModel.Load", StringComparison.Ordinal));
    }

    [Fact]
    public void SymbolPackages_HoldPortablePdbsWithSourceLinkToTheCommit()
    {
        PackedPackages packages = PackedPackages.Get();
        string head = Git(packages.Repository, "rev-parse", "HEAD");
        string url = (string)Element(PackedPackages.Nuspec(packages.Library), "repository").Attribute("url")!;
        string rawPrefix = "https://raw.githubusercontent.com/" + new Uri(url).AbsolutePath.Trim('/') + "/" + head + "/";

        foreach ((string symbols, string folder, string[] assemblies) in new[]
        {
            (packages.LibrarySymbols, "lib/net10.0/", new[] { "FastSgns.Api", "FastSgns.Core" }),
            (packages.ToolSymbols, "tools/net10.0/any/", new[] { "fastsgns", "FastSgns.Api", "FastSgns.Core" }),
        })
        {
            Assert.True(File.Exists(symbols), $"no symbol package {symbols}");
            foreach (string assembly in assemblies)
            {
                byte[] pdb = PackedPackages.Read(symbols, folder + assembly + ".pdb");
                using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(pdb));
                MetadataReader reader = provider.GetMetadataReader(); // throws on a Windows (non-portable) PDB
                string map = SourceLinkJson(reader) ?? throw new Xunit.Sdk.XunitException($"{assembly}.pdb in {Path.GetFileName(symbols)} has no SourceLink map");
                using JsonDocument json = JsonDocument.Parse(map);
                string[] targets = [.. json.RootElement.GetProperty("documents").EnumerateObject().Select(p => p.Value.GetString()!)];
                Assert.Contains(targets, t => t.StartsWith(rawPrefix, StringComparison.Ordinal));
                Assert.True(reader.Documents.Count > 0, $"{assembly}.pdb lists no source documents");
            }
        }
    }

    [Fact]
    public void NativeKernel_IsOnlyUnderRuntimesRidNative_InBothPackages()
    {
        PackedPackages packages = PackedPackages.Get();
        if (!NativeKernelBuilt(packages.Repository))
        {
            RequiredInCi.Missing("native kernel", "native/build/libfastsgns_native.so is not built (cmake and gcc are needed), so the packages carry no C kernel.");
        }

        string rid = "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        Assert.Equal([$"runtimes/{rid}/native/libfastsgns_native.so"], NativeEntries(packages.Library));
        Assert.Equal([$"tools/net10.0/any/runtimes/{rid}/native/libfastsgns_native.so"], NativeEntries(packages.Tool));
    }

    [Fact]
    public void Tool_IsAtMostFiveMegabytes_AndCarriesNoNativeGraphicsStack()
    {
        PackedPackages packages = PackedPackages.Get();
        long size = new FileInfo(packages.Tool).Length;
        IReadOnlyList<string> entries = PackedPackages.Entries(packages.Tool);

        Assert.True(size <= ToolSizeLimit, $"{Path.GetFileName(packages.Tool)} is {size:N0} bytes, over {ToolSizeLimit:N0}");
        Assert.DoesNotContain(entries, e => e.Contains("Skia", StringComparison.OrdinalIgnoreCase) || e.Contains("HarfBuzz", StringComparison.OrdinalIgnoreCase)
            || e.Contains("ScottPlot", StringComparison.OrdinalIgnoreCase));
        Assert.All(entries.Where(e => e.Contains("/runtimes/", StringComparison.Ordinal)), e => Assert.Contains("/runtimes/linux-", e));
    }

    private static string[] NativeEntries(string package) =>
        [.. PackedPackages.Entries(package).Where(e => e.EndsWith(".so", StringComparison.Ordinal) || e.EndsWith(".dll", StringComparison.Ordinal) && e.Contains("native", StringComparison.OrdinalIgnoreCase)
            || e.EndsWith(".dylib", StringComparison.Ordinal))];

    private static string? SourceLinkJson(MetadataReader reader)
    {
        foreach (CustomDebugInformationHandle handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == s_sourceLinkKind)
            {
                return System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
            }
        }

        return null;
    }

    private static XElement Element(XElement nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"the .nuspec has no <{name}>");

    private static string Git(string repository, params string[] arguments) =>
        TryGit(repository, arguments) ?? throw new Xunit.Sdk.XunitException($"git {string.Join(' ', arguments)} failed in {repository}");

    private static string? TryGit(string repository, params string[] arguments)
    {
        if (!ExternalProcess.Succeeds("git", "--version"))
        {
            RequiredInCi.Missing("packaging", "git is not on PATH, so the package's version and commit cannot be checked against the repository.");
        }

        var result = ExternalProcess.Run("git", ["-C", repository, .. arguments]);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }
}
