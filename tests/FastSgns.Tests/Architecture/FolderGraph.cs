using System.Text.RegularExpressions;

namespace FastSgns.Tests.Architecture;

/// <summary>
/// Which folder of src/FastSgns.Core uses which, read from the sources: <c>using FastSgns.X</c> lines (aliases and
/// static imports included) and references qualified by a folder, such as <c>Interop.LibC.Advise</c>, to a type that
/// folder declares. Comments are ignored: a doc link is not an import.
/// </summary>
public sealed partial class FolderGraph
{
    /// <summary>Folder → folders it uses, each with the first place that shows it ("Training/Worker.cs:3").</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public void Add(string from, string to, string evidence)
    {
        if (from == to)
        {
            return;
        }

        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        targets.TryAdd(to, evidence);
    }

    public static FolderGraph Read(string coreRoot)
    {
        var files = Directory.EnumerateFiles(coreRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(coreRoot, f).Replace('\\', '/'))
            .Where(f => f.Contains('/') && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Select(f => (Path: f, Folder: f[..f.IndexOf('/')], Lines: File.ReadAllLines(Path.Combine(coreRoot, f)).Select(StripComment).ToArray()))
            .ToList();

        // The types each folder declares, so that "Kernels.SigmoidTable" counts and "trainer.Vocabulary.Count" does not.
        var declared = files.GroupBy(f => f.Folder).ToDictionary(
            g => g.Key,
            g => g.SelectMany(f => f.Lines).SelectMany(l => TypeDeclaration().Matches(l)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        var graph = new FolderGraph();
        foreach (var file in files)
        {
            graph.Edges.TryAdd(file.Folder, new Dictionary<string, string>(StringComparer.Ordinal));
            for (int i = 0; i < file.Lines.Length; i++)
            {
                string evidence = $"{file.Path}:{i + 1}";
                if (UsingLine().Match(file.Lines[i]) is { Success: true } import)
                {
                    graph.Add(file.Folder, import.Groups[1].Value, evidence);
                    continue;
                }

                foreach (Match qualified in QualifiedName().Matches(file.Lines[i]))
                {
                    string folder = qualified.Groups[1].Value;
                    if (declared.TryGetValue(folder, out var types) && types.Contains(qualified.Groups[2].Value))
                    {
                        graph.Add(file.Folder, folder, evidence);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>Groups of two or more folders that reach each other (strongly connected components), each sorted.</summary>
    public List<List<string>> Cycles()
    {
        var nodes = Edges.Keys.Concat(Edges.Values.SelectMany(t => t.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var reach = nodes.ToDictionary(n => n, Reachable, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        foreach (string node in nodes)
        {
            if (seen.Contains(node))
            {
                continue;
            }

            var group = nodes.Where(other => other == node || (reach[node].Contains(other) && reach[other].Contains(node))).ToList();
            seen.UnionWith(group);
            if (group.Count > 1)
            {
                cycles.Add(group);
            }
        }

        return cycles;
    }

    /// <summary>The edges inside one cycle, with their evidence, for the failure message.</summary>
    public IEnumerable<string> Explain(IReadOnlyCollection<string> cycle) =>
        from source in cycle
        where Edges.ContainsKey(source)
        from edge in Edges[source]
        where cycle.Contains(edge.Key)
        select $"{source} → {edge.Key} ({edge.Value})";

    private HashSet<string> Reachable(string start)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out string? node))
        {
            foreach (string next in Edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (reached.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return reached;
    }

    private static string StripComment(string line)
    {
        int comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?FastSgns\.(\w+)")]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:FastSgns\.)?([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();
}
