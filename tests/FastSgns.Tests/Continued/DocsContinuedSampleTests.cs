using FastSgns.Synthetic;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Continued;

public sealed class DocsContinuedSampleTests
{
    [Fact]
    public void ApiReadme_ShowsTheCompiledContinuedSample()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FastSgns.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new DirectoryNotFoundException("FastSgns.sln");
        }

        string source = File.ReadAllText(Path.Combine(root, "tests", "FastSgns.Tests", "Continued", "DocsContinuedSample.cs"));
        string doc = File.ReadAllText(Path.Combine(root, "src", "FastSgns.Api", "README.md"));
        int start = source.IndexOf("// <continued-sample>\n", StringComparison.Ordinal) + "// <continued-sample>\n".Length;
        string sample = source[start..source.IndexOf("        // </continued-sample>", StringComparison.Ordinal)];

        Assert.Contains(string.Join('\n', sample.Split('\n').Select(line => line.StartsWith("        ", StringComparison.Ordinal) ? line[8..] : line)), doc);
    }

    [Fact]
    public void ContinuedSample_Runs_AndAddsTheNewTextsWords()
    {
        using var temp = new TempDirectory();
        string first = temp.File("first.txt");
        string second = temp.File("second.txt");
        File.WriteAllBytes(first, SyntheticCorpus.Generate(800, entitiesPerFamily: 4, seed: 1).Text);
        File.WriteAllBytes(second, SyntheticCorpus.Generate(800, entitiesPerFamily: 6, seed: 2).Text);

        var (before, after) = DocsContinuedSample.Run(first, second, Directory.CreateDirectory(temp.File("work")).FullName);

        Assert.True(after > before, $"{before} words before, {after} after");
    }
}
