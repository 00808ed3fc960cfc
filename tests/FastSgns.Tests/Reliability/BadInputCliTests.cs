using System.Text;
using FastSgns.Embeddings;
using FastSgns.Tests.Support;
using FastSgns.Writers;
using static FastSgns.Tests.Reliability.ReliabilitySupport;

namespace FastSgns.Tests.Reliability;

/// <summary>
/// The bad-input catalogue as users meet it: the CLI's exit code (2 bad input, 3 diverged), one clear stderr line
/// naming the file, and no output or temporary file left behind. tests/FastSgns.Tests/Reliability/README.md lists each case.
/// </summary>
public sealed class BadInputCliTests
{
    private static CliRunner.Result Train(TempDirectory temp, string input, params string[] extra) =>
        CliRunner.Run(["train", "--input", input, "--output", temp.File("model.txt"), "--threads", "1", "--epochs", "1", "--dim", "8", "-q", .. extra]);

    private static void AssertBadInput(CliRunner.Result result, TempDirectory temp, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.StartsWith("fastsgns: error: ", result.StdErr);
        foreach (string text in expected)
        {
            Assert.Contains(text, result.StdErr);
        }

        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.False(File.Exists(temp.File("model.txt")));
        Assert.Empty(Leftovers(temp.Path));
    }

    [Fact]
    public void UnreadableInput_FailsWithExit2_NamingTheFile()
    {
        SkipUnlessPermissionsApply();
        using var temp = new TempDirectory();
        string input = temp.Write("secret.txt", "a b c\n");
        SetMode(input, UnixFileMode.None);

        AssertBadInput(Train(temp, input), temp, input);
    }

    [Fact]
    public void DirectoryAsInput_FailsWithExit2()
    {
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("folder")).FullName;

        AssertBadInput(Train(temp, folder), temp, folder);
    }

    [Fact]
    public void WhitespaceOnlyInput_FailsWithExit2_NoWords()
    {
        using var temp = new TempDirectory();
        string input = temp.Write("blank.txt", "  \n\t\r\n \v\f \n");

        AssertBadInput(Train(temp, input), temp, input, "no words");
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be")]
    [InlineData("--alpha", "0", "--alpha must be")]
    [InlineData("--alpha", "NaN", "--alpha must be")]
    [InlineData("--alpha", "11", "--alpha must be")]
    [InlineData("--min-count", "0", "--min-count must be")]
    [InlineData("--max-vocab", "-1", "--max-vocab must be")]
    [InlineData("--dim", "10001", "--dim must be")]
    [InlineData("--negative", "1001", "--negative must be")]
    public void OptionsOutOfRange_FailWithExit2_NamingTheOption(string option, string value, string expected)
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);

        var result = CliRunner.Run("train", "--input", input, "--output", temp.File("model.txt"), option, value);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("train: kernel", result.StdErr);
        Assert.False(File.Exists(temp.File("model.txt")));
    }

    [Fact]
    public void NegativeLargerThanTheVocabulary_IsAllowed_SamplesWithReplacement()
    {
        using var temp = new TempDirectory();
        string input = temp.Write("tiny.txt", string.Concat(Enumerable.Repeat("a b c\nb c a\n", 50)));

        var result = Train(temp, input, "--min-count", "1", "--negative", "20");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(3, Word2VecReader.Load(temp.File("model.txt")).Count);
    }

    [Fact]
    public void OutputIsADirectory_FailsWithExit2_BeforeTraining()
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string output = Directory.CreateDirectory(temp.File("model.txt")).FullName;

        var result = CliRunner.Run("train", "--input", input, "--output", output, "--threads", "1", "--epochs", "1", "--dim", "8");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(output, result.StdErr);
        Assert.Contains("is a directory", result.StdErr);
        Assert.DoesNotContain("train: kernel", result.StdErr);
        Assert.Empty(Leftovers(temp.Path));
    }

    [Fact]
    public void UnwritableOutputDirectory_FailsWithExit2_LeavingNothing()
    {
        SkipUnlessPermissionsApply();
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string folder = Directory.CreateDirectory(temp.File("locked")).FullName;
        SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var result = CliRunner.Run("train", "--input", input, "--output", Path.Combine(folder, "model.txt"), "--threads", "1", "--epochs", "1", "--dim", "8", "-q");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(folder, result.StdErr);
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            SetMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Theory]
    [InlineData("the 3\ncat three\n", ":2: byte 6:")]
    [InlineData("the 3 extra\n", ":1: byte 0:")]
    [InlineData("the 0\n", ":1: byte 0:")]
    public void BadVocabularyFile_FailsWithExit2_NamingFileLineAndByte(string content, string expected)
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string vocabulary = temp.Write("vocab.txt", content);

        AssertBadInput(Train(temp, input, "--read-vocab", vocabulary), temp, vocabulary + expected);
    }

    [Fact]
    public void EmptyVocabularyFile_FailsWithExit2_VocabularyTooSmall()
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        temp.Write("vocab.txt", "");

        AssertBadInput(Train(temp, input, "--read-vocab", temp.File("vocab.txt")), temp, "0 word(s)");
    }

    [Fact]
    public void MissingVocabularyFile_FailsWithExit2_NamingTheFile()
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        string missing = temp.File("no-vocab.txt");

        AssertBadInput(Train(temp, input, "--read-vocab", missing), temp, missing);
    }

    [Fact]
    public void MegabyteToken_IsCutAt100Bytes_OnACharacterBoundary()
    {
        using var temp = new TempDirectory();
        // "x" then 2-byte characters: byte 100 is the second half of one, so the cut falls back to 99 bytes.
        string huge = "x" + new string('é', 500_000);
        string input = temp.Write("huge.txt", string.Concat(Enumerable.Repeat($"a {huge} b\n", 3)));

        var result = Train(temp, input, "--min-count", "1", "--save-vocab", temp.File("vocab.txt"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        string[] words = [.. File.ReadLines(temp.File("vocab.txt")).Select(l => l.Split(' ')[0])];
        Assert.Contains("x" + new string('é', 49), words);
        Assert.All(words, w => Assert.True(Encoding.UTF8.GetByteCount(w) <= 100));
        Assert.Equal(3, Word2VecReader.Load(temp.File("model.txt")).Count);
    }

    [Fact]
    public void InvalidUtf8_IsTokenBytes_ReplacedByU_FFFD_OnlyOnOutput_AndNulSplitsTokens()
    {
        using var temp = new TempDirectory();
        string input = temp.File("bytes.txt");
        byte[] line = [0xFF, (byte)' ', 0xFE, (byte)' ', (byte)'a', 0x00, (byte)'b', (byte)' ', (byte)'o', (byte)'k', (byte)'\n'];
        File.WriteAllBytes(input, [.. Enumerable.Repeat(line, 20).SelectMany(l => l)]);

        var result = Train(temp, input, "--min-count", "1", "--save-vocab", temp.File("vocab.txt"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        // Two distinct byte tokens stay two entries (with their own vectors) though both print as U+FFFD.
        WordEmbeddings vectors = Word2VecReader.Load(temp.File("model.txt"));
        Assert.Equal(5, vectors.Count);
        Assert.Equal(2, vectors.Words.Count(w => w == "\uFFFD"));
        Assert.Contains("a", vectors.Words);
        Assert.Contains("b", vectors.Words);
        Assert.True(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(temp.File("vocab.txt"))).Length > 0);
    }

    [Fact]
    public void Divergence_ExitsWith3_NamingStepAndSuggestedAlpha_WritingNoVectors()
    {
        using var temp = new TempDirectory();
        string input = SyntheticFile(temp);
        File.WriteAllText(temp.File("model.txt"), "previous");

        var result = CliRunner.Run("train", "--input", input, "--output", temp.File("model.txt"), "--alpha", "10", "--threads", "2", "--dim", "16", "-q");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains("Training diverged", result.StdErr);
        Assert.Matches(@"after [\d,]+ words", result.StdErr);
        Assert.Contains("--alpha, e.g. 0.025", result.StdErr);
        Assert.Equal("previous", File.ReadAllText(temp.File("model.txt")));
        Assert.Empty(Leftovers(temp.Path));
    }
}
