using System.Text.RegularExpressions;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Architecture;

/// <summary>
/// src/FastSgns.Core's folders follow the data flow and import only downstream (ARCHITECTURE.md): no folder uses one
/// that uses it back, and every file's namespace is its folder's.
/// </summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void CoreFolders_HaveNoImportCycle()
    {
        FolderGraph graph = FolderGraph.Read(CoreRoot());

        List<List<string>> cycles = graph.Cycles();

        Assert.True(graph.Edges.Count > 10, $"read only {graph.Edges.Count} folders; is the source path right?");
        Assert.True(cycles.Count == 0, "folders that import each other:\n" +
            string.Join("\n", cycles.Select(c => $"[{string.Join(", ", c)}]: {string.Join("; ", graph.Explain(c))}")));
    }

    [Fact]
    public void Cycles_AreFound_ThroughLongerPaths_AndNotWhereTheFlowIsOneWay()
    {
        var graph = new FolderGraph();
        graph.Add("Corpus", "IO", "a");
        graph.Add("Vocabulary", "Corpus", "b");
        graph.Add("Training", "Vocabulary", "c");
        graph.Add("Pipeline", "Training", "d");
        Assert.Empty(graph.Cycles());

        graph.Add("Corpus", "Training", "e");

        List<string> cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Corpus", "Training", "Vocabulary"], cycle);
        Assert.Contains("Corpus → Training (e)", graph.Explain(cycle));
    }

    [Fact]
    public void Reader_SeesUsingLinesAndFolderQualifiedTypes_NotCommentsOrProperties()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("Kernels"));
        Directory.CreateDirectory(temp.File("Interop"));
        Directory.CreateDirectory(temp.File("Training"));
        File.WriteAllText(temp.File("Kernels/Table.cs"), "using FastSgns.Interop;\nnamespace FastSgns.Kernels;\npublic sealed class Table;\n");
        File.WriteAllText(temp.File("Interop/Native.cs"), "namespace FastSgns.Interop;\n/// <see cref=\"Training.Trainer\"/>\npublic sealed class Native { int Size = Kernels.Table.Size; }\n");
        File.WriteAllText(temp.File("Training/Trainer.cs"), "namespace FastSgns.Training;\n// using FastSgns.Kernels;\npublic sealed class Trainer { object Kernels => Vocabulary.Count; }\n");

        FolderGraph graph = FolderGraph.Read(temp.Path);

        Assert.Equal("Kernels/Table.cs:1", graph.Edges["Kernels"]["Interop"]);
        Assert.Equal("Interop/Native.cs:3", graph.Edges["Interop"]["Kernels"]);
        Assert.Empty(graph.Edges["Training"]);
        Assert.Equal(["Interop", "Kernels"], Assert.Single(graph.Cycles()));
    }

    [Fact]
    public void CoreNamespaces_FollowFolders()
    {
        string root = CoreRoot();
        var misplaced = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!relative.Contains('/') || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string expected = "FastSgns." + Path.GetDirectoryName(relative)!.Replace('/', '.').Replace('\\', '.');
            string? actual = Namespace().Match(File.ReadAllText(file)) is { Success: true } m ? m.Groups[1].Value : null;
            if (actual != expected)
            {
                misplaced.Add($"{relative}: namespace {actual ?? "(none)"}, expected {expected}");
            }
        }

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void CoreStrings_NeverNameACliFlag()
    {
        // Core names options by their property names (TrainingOptions.Dim); only the CLI knows "--dim".
        string root = CoreRoot();
        var offenders = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : lines[i];
                if (StringLiteral().Matches(code).Any(literal => CliFlag().IsMatch(literal.Value)))
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static string CoreRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string core = Path.Combine(dir.FullName, "src", "FastSgns.Core");
            if (Directory.Exists(core))
            {
                return core;
            }
        }

        Assert.Skip("the repository's src/FastSgns.Core is not above the test binaries; skipping the source scan.");
        return "";
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex CliFlag();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
