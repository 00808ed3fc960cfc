using FastSgns.Tests.Support;
using static FastSgns.Tests.Cli.CliFiles;

namespace FastSgns.Tests.Cli;

/// <summary>
/// Issue #13, classes 16 and 17. Rules: every option and every input file that can be checked is checked before
/// any work, so a bad one never leaves a trained model behind; and every error is one line for the person who typed
/// the command: it names the option or file, never .NET's "(Parameter 'x')" or "Actual value was", and its advice fits
/// the cause.
/// </summary>
public sealed class EarlyValidationCliTests
{
    [Theory]
    [InlineData("--eval-restrict must be 0 (all words) or a positive number of words, got -1.", "--eval-restrict", "-1")]
    [InlineData("bad-q.txt:2: byte 10: expected four words", "--eval-analogies", "bad-q.txt")]
    [InlineData("bad-s.tsv:1:", "--eval-similarity", "bad-s.tsv")]
    [InlineData("missing.txt: no such evaluation file.", "--eval-similarity", "missing.txt")]
    [InlineData("--checkpoint-every must be a percentage in [0, 100], got 200.", "--checkpoint-every", "200")]
    [InlineData("--max-vocab-memory must be at least 1MB", "--max-vocab-memory", "1")]
    [InlineData("--kernel must be one of avx512, ", "--kernel", "sse9")]
    public void Train_BadEvaluationOrOption_FailsBeforeTraining_WritingNothing(string expected, string option, string value)
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        temp.Write("bad-q.txt", ": section\nthe cat dog\n");
        temp.Write("bad-s.tsv", "the cat lots\n");
        string argument = value.Contains('.') ? temp.File(value) : value;
        var before = Snapshot(temp.Path);

        var result = CliRunner.Run("train", "-i", corpus, "-o", temp.File("m.bin"), "--save-vocab", temp.File("v.txt"), "--dim", "8", "--epochs", "1",
            "--min-count", "1", option, argument);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("count:", result.StdErr); // nothing was read, let alone trained
        Assert.Equal(before, Snapshot(temp.Path));
    }

    [Theory]
    [InlineData("--output: the path is empty; give a file name.", "train", "-o", "")]
    [InlineData("/: is a directory; --output needs a file path.", "train", "-o", "/")]
    [InlineData("names a directory (it ends in '/')", "train", "-o", "new-dir/")]
    [InlineData("--limit must be 0 (all words) or a positive number of words, got -1.", "export", "--limit", "-1")]
    [InlineData("--restrict must be 0 (all words) or a positive number of words, got -3.", "eval", "--restrict", "-3")]
    [InlineData("--threads must be positive, got 0.", "generate", "--threads", "0")]
    [InlineData("--output: the path is empty; give a file name.", "generate", "-o", "")]
    public void Errors_AreOneLineForTheUser_WithoutDotNetParameterSuffixes(string expected, string command, string option, string value)
    {
        using var temp = new TempDirectory();
        string corpus = TextCorpus(temp);
        string model = temp.Write("m.txt", "2 2\nthe 0.1 0.2\ncat 0.3 0.4\n");
        string questions = temp.Write("q.txt", ": s\nthe cat the cat\n");
        string[] rest = command switch
        {
            "train" => ["-i", corpus, .. Quick, .. option == "-o" ? Array.Empty<string>() : ["-o", temp.File("x.bin")]],
            "export" => ["-v", model, "--format", "projector", "-o", temp.File("ex")],
            "eval" => ["-v", model, "--analogies", questions],
            _ => ["--tokens", "100", .. option == "-o" ? Array.Empty<string>() : ["-o", temp.File("g.txt")]],
        };
        string argument = value == "new-dir/" ? temp.File(value) : value;

        var result = CliRunner.Run([command, .. rest, option, argument]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("(Parameter", result.StdErr);
        Assert.DoesNotContain("Actual value", result.StdErr);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MaxVocabMemory_TooSmall_DoesNotBlameMinCount()
    {
        using var temp = new TempDirectory();
        var result = CliRunner.Run(["train", "-i", TextCorpus(temp), "-o", temp.File("m.bin"), "--max-vocab-memory", "1", .. Quick]);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("min-count", result.StdErr);
        Assert.Contains("--max-vocab-memory", result.StdErr);
    }
}
