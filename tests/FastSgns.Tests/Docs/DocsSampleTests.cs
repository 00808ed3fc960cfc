using FastSgns.Synthetic;
using FastSgns.Writers;

namespace FastSgns.Tests;

public class DocsSampleTests
{
    [Fact]
    public void ApiReadme_ShowsTheCompiledSample()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FastSgns.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new DirectoryNotFoundException("FastSgns.sln");
        }

        string source = File.ReadAllText(Path.Combine(root, "tests", "FastSgns.Tests", "Docs", "DocsSample.cs"));
        string doc = File.ReadAllText(Path.Combine(root, "src", "FastSgns.Api", "README.md"));

        Assert.Contains(Dedent(Between(source, "// <sample>\n", "        // </sample>")), doc);
    }

    [Fact]
    public void DocsSample_Runs()
    {
        using var temp = new TempDirectory();
        string path = temp.File("royals.txt");
        Word2VecWriter.Save(TestVectors.Royals(), path, binary: false);
        var output = new StringWriter();

        DocsSample.Run(path, output);

        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("queen queen 0.020 queen", lines[^1]);
        Assert.Matches(@"^queen man queen apple 0\.\d{3}$", lines[^2]);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Dedent(string block) =>
        string.Join('\n', block.Split('\n').Select(line => line.StartsWith("        ", StringComparison.Ordinal) ? line[8..] : line));
}
