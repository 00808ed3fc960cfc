using System.IO.Compression;
using System.Text;
using FastSgns.Phrases;
using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Phrases;

/// <summary><c>fastsgns phrases</c>: its output, its errors (one line, exit 2, nothing written) and its output checks.</summary>
public sealed class PhrasesCliTests
{
    [Fact]
    public void Phrases_WritesTheDetectorsOutput_AndLeavesNoWorkFiles_AfterTwoPasses()
    {
        using var temp = new TempDirectory();
        string text = PhraseCorpora.Generate(51, 3000);
        temp.Write("c.txt", text);

        var result = CliRunner.Run("phrases", "-i", temp.File("c.txt"), "-o", temp.File("p.txt"), "--passes", "2", "--min-count", "3", "--threshold", "20", "--threads", "2");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("pass 2:", result.StdErr);
        Assert.Equal(ReferencePhrases.Run(text, npmi: false, 3, 20, passes: 2), File.ReadAllText(temp.File("p.txt")));
        Assert.Equal(["c.txt", "p.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Phrases_ReadsStandardInput_WithTheNpmiScorer()
    {
        using var temp = new TempDirectory();
        string text = PhraseCorpora.Generate(52, 2000);
        temp.Write("c.txt", text);

        var result = ExternalProcess.Run("bash", ["-c", $"cat c.txt | dotnet '{CliRunner.CliPath}' phrases -i - -o p.txt --scorer npmi --threshold 0.3 -q"],
            TimeSpan.FromSeconds(120), temp.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        Assert.Equal(ReferencePhrases.Run(text, npmi: true, 5, 0.3), File.ReadAllText(temp.File("p.txt")));
        Assert.Equal(["c.txt", "p.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("binary", "not UTF-8 text")]
    [InlineData("truncated gzip", "c.txt.gz")]
    [InlineData("missing", "input file not found")]
    public void Phrases_BadInput_FailsWithExit2_NamingTheFile_AndWritesNothing(string kind, string expected)
    {
        using var temp = new TempDirectory();
        string input = temp.File(kind == "truncated gzip" ? "c.txt.gz" : "c.txt");
        if (kind == "binary")
        {
            File.WriteAllBytes(input, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 % 256))]);
        }
        else if (kind == "truncated gzip")
        {
            var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(PhraseCorpora.Generate(53, 20000)));
            }

            File.WriteAllBytes(input, packed.ToArray()[..(int)(packed.Length * 2 / 3)]);
        }

        temp.Write("old.txt", "an old output");
        var before = Snapshot(temp.Path);

        var result = CliRunner.Run("phrases", "-i", input, "-o", temp.File("old.txt"), "--passes", "2");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.Contains(Path.GetFileName(input), result.StdErr);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("fastsgns: error:", StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Theory]
    [InlineData("same file as --input", "c.txt")]
    [InlineData("same file as --input", "link.txt")]
    [InlineData("inside the input directory", "texts/p.txt")]
    [InlineData("is a directory", "texts")]
    public void Phrases_OutputThatWouldDamageAnInput_IsRefusedBeforeAnyWork(string expected, string output)
    {
        using var temp = new TempDirectory();
        TextCorpus(temp);
        Directory.CreateDirectory(temp.File("texts"));
        TextCorpus(temp, "texts/a.txt");
        File.CreateSymbolicLink(temp.File("link.txt"), "c.txt");
        var before = Snapshot(temp.Path);

        var result = CliRunner.Run("phrases", "-i", temp.File("c.txt"), "-i", temp.File("texts"), "-o", temp.File(output));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Theory]
    [InlineData("--min-count must be at least 1", "--min-count", "0")]
    [InlineData("--threshold must be between -1 and 1 for the npmi scorer", "--scorer", "npmi", "--threshold", "2")]
    [InlineData("--threshold must be 0 or more for the default scorer", "--threshold", "-1")]
    [InlineData("--passes must be between 1 and 16", "--passes", "0")]
    [InlineData("--delimiter must be one printable ASCII character", "--delimiter", "ab")]
    [InlineData("--delimiter must be one printable ASCII character", "--delimiter", " ")]
    [InlineData("--threads must be at least 1", "--threads", "0")]
    [InlineData("--max-vocab-memory must be at least 1MB", "--max-vocab-memory", "10KB")]
    public void Phrases_BadOption_IsRefused_BeforeTheInputIsRead(string expected, params string[] arguments)
    {
        using var temp = new TempDirectory();

        // The input does not exist: the option's error comes first, so options are checked before any reading.
        var result = CliRunner.Run(["phrases", "-i", temp.File("missing.txt"), "-o", temp.File("p.txt"), .. arguments]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("(Parameter", result.StdErr);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void PhrasesHelp_ListsEveryOption()
    {
        var result = CliRunner.Run("phrases", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--input", "--output", "--min-count", "--threshold", "--scorer", "--passes", "--delimiter", "--threads", "--max-vocab-memory", "--quiet" })
        {
            Assert.Contains(option, result.StdOut);
        }

        Assert.Contains($"{PhraseOptions.DefaultThreshold}", result.StdOut);
    }
}
