using System.Text;
using FastSgns.Corpus;
using FastSgns.Evaluation;
using FastSgns.Tests.Support;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// Analogy and similarity files read with a bound on their lines: a file without newlines fails after a few KB,
/// allocating little, and the error quotes at most a short prefix of what it found.
/// </summary>
public sealed class EvaluationFileBadInputTests
{
    private const long AllocationBudget = 2 << 20;

    public static TheoryData<string> Readers => new() { "analogy", "similarity" };

    private static void Read(string reader, string path)
    {
        if (reader == "analogy")
        {
            AnalogyQuestion.ReadFile(path);
        }
        else
        {
            SimilarityEvaluator.ReadFile(path);
        }
    }

    private static string HugeLine(TempDirectory temp)
    {
        string path = temp.File("one-line.txt");
        using var stream = File.Create(path);
        byte[] block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("word ", 200_000)));
        for (int i = 0; i < 8; i++)
        {
            stream.Write(block); // 8 MB, no newline
        }

        return path;
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void HugeLineWithoutNewline_FailsEarly_WithAShortMessage(string reader)
    {
        using var temp = new TempDirectory();
        string path = HugeLine(temp);
        Read(reader, temp.Write("warm.txt", reader == "analogy" ? "a b c d\n" : "a b 1\n"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => Read(reader, path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith($"{path}:1: byte 0: line longer than 4,096 bytes; not a", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
        Assert.True(allocated < AllocationBudget, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void BadLine_QuotesOnlyAPrefix_AndNamesLineAndByte(string reader)
    {
        using var temp = new TempDirectory();
        string bad = string.Join(' ', Enumerable.Repeat("x", 1500));
        string path = temp.Write("bad.txt", (reader == "analogy" ? ": section\na b c d\n" : "a b 1\n# comment\n") + bad + "\n");

        var error = Assert.Throws<InvalidDataException>(() => Read(reader, path));

        Assert.StartsWith($"{path}:{(reader == "analogy" ? 3 : 3)}: byte ", error.Message);
        Assert.Contains("…", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void BoundedLines_HandleCrlfBomAndAMissingLastNewline()
    {
        using var temp = new TempDirectory();
        string path = temp.File("lines.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "one\r\n\r\ntwo three\nlast"u8.ToArray()]);

        var lines = BoundedLines.Read(path, 16, "a test file").ToList();

        Assert.Equal(["one", "", "two three", "last"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2, 3, 4], lines.Select(l => l.Number));
        Assert.Equal([0L, 8, 10, 20], lines.Select(l => l.Offset));
    }

    [Fact]
    public void BoundedLines_ALineOfExactlyTheLimit_IsRead_OneMoreIsNot()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("limit.txt", new string('a', 100) + "\n" + new string('b', 101) + "\n");

        var error = Assert.Throws<InvalidDataException>(() => BoundedLines.Read(path, 100, "a test file").ToList());

        Assert.StartsWith($"{path}:2: byte 101: line longer than 100 bytes", error.Message);
    }

    [Fact]
    public void Cli_Eval_HugeAnalogyLine_Exits2_WithAShortMessage()
    {
        using var temp = new TempDirectory();
        string vectors = temp.Write("v.txt", "2 2\nword 1 0\nother 0 1\n");
        string analogies = HugeLine(temp);

        var result = CliRunner.Run("eval", "--vectors", vectors, "--analogies", analogies);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.StartsWith($"fastsgns: error: {analogies}:1: byte 0: line longer than", result.StdErr);
        Assert.True(result.StdErr.Length < 400, result.StdErr);
    }
}
