using FastSgns.Embeddings;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Cli;

/// <summary>The CLI as users run it: a separate process, its exit code, its stderr, its files.</summary>
public sealed class TrainCommandTests
{
    private static string SyntheticFile(TempDirectory temp)
    {
        string path = temp.File("corpus.txt");
        File.WriteAllBytes(path, SyntheticCorpus.Generate(3000).Text);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_WritesAModelThatLoads(bool binary)
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp);
        string output = temp.File(binary ? "model.bin" : "model.txt");
        string vocab = temp.File("vocab.txt");
        string[] args = ["train", "--input", corpus, "--input", corpus, "--output", output, "--dim", "16", "--epochs", "1",
            "--threads", "1", "--save-vocab", vocab, .. binary ? new[] { "--binary" } : []];

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("train: kernel", result.StdErr);
        Assert.Contains("words/s", result.StdErr);
        WordEmbeddings vectors = Word2VecReader.Load(output);
        Assert.Equal(16, vectors.Dim);
        Assert.Equal(File.ReadLines(vocab).Count(), vectors.Count);
        Assert.Equal(2, Directory.GetFiles(temp.Path).Length - 1);
    }

    [Fact]
    public void Help_DocumentsEveryOptionWithItsDefault()
    {
        var result = CliRunner.Run("train", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--input", "--output", "--binary", "--dim", "--window", "--negative", "--sample", "--min-count", "--max-vocab", "--epochs", "--alpha", "--threads", "--seed" })
        {
            Assert.Contains(option, result.StdOut);
        }

        Assert.Contains("[default: 100]", result.StdOut);
        Assert.Contains("[default: 0.001]", result.StdOut);
    }

    [Fact]
    public void ModeBatched_Trains_AndUnknownModesAreRejected()
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp);
        string output = temp.File("model.txt");

        var batched = CliRunner.Run("train", "--input", corpus, "--output", output, "--dim", "16", "--epochs", "1", "--threads", "1", "--mode", "batched");
        var unknown = CliRunner.Run("train", "--input", corpus, "--output", temp.File("other.txt"), "--mode", "triples");

        Assert.True(batched.ExitCode == 0, batched.StdErr);
        Assert.Contains("mode batched", batched.StdErr);
        Assert.Equal(16, Word2VecReader.Load(output).Dim);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("triples", unknown.StdErr);
    }

    [Fact]
    public void MissingInput_FailsClearly_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        string missing = temp.File("nope.txt");
        string output = temp.File("model.txt");

        var result = CliRunner.Run("train", "--input", missing, "--output", output);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(missing, result.StdErr);
        Assert.Contains("not found", result.StdErr);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void EmptyInput_FailsClearly()
    {
        using var temp = new TempDirectory();
        string empty = temp.Write("empty.txt", "");

        var result = CliRunner.Run("train", "--input", empty, "--output", temp.File("model.txt"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no words", result.StdErr);
        Assert.Contains(empty, result.StdErr);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void VocabularyEmptyAfterMinCount_FailsClearly()
    {
        using var temp = new TempDirectory();
        string corpus = temp.Write("tiny.txt", "one two three\nfour\n");

        var result = CliRunner.Run("train", "--input", corpus, "--output", temp.File("model.txt"), "--min-count", "5");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--min-count 5", result.StdErr);
        Assert.Contains(corpus, result.StdErr);
        Assert.False(File.Exists(temp.File("model.txt")));
    }

    [Theory]
    [InlineData("--dim", "0", "--dim must be")]
    [InlineData("--window", "0", "--window must be")]
    [InlineData("--threads", "0", "--threads must be")]
    [InlineData("--alpha", "-1", "--alpha must be")]
    [InlineData("--negative", "0", "--negative must be")]
    [InlineData("--sample", "2", "--sample must be")]
    [InlineData("--dim", "ten", "ten")]
    [InlineData("--kernel", "sse9", "--kernel must be one of")]
    public void InvalidOptions_FailWithANamedReason(string option, string value, string expected)
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp);

        var result = CliRunner.Run("train", "--input", corpus, "--output", temp.File("model.txt"), option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.False(File.Exists(temp.File("model.txt")));
    }

    [Fact]
    public void MissingOutputDirectory_FailsBeforeTraining()
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp);

        var result = CliRunner.Run("train", "--input", corpus, "--output", temp.File("no/such/dir/model.txt"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not exist", result.StdErr);
        Assert.DoesNotContain("train: kernel", result.StdErr);
    }

    [Fact]
    public void Demo_LearnsThePlantedAnalogies()
    {
        var result = CliRunner.Run("demo", "--sentences", "20000");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Matches(@"planted analogies: (9\d|100)[.,]\d %", result.StdOut);
    }

    [Theory]
    [InlineData("--max-vocab-memory", "12XB", "--max-vocab-memory must be a positive size")]
    [InlineData("--checkpoint-every", "150", "--checkpoint-every must be a percentage")]
    public void ScaleOptions_OutOfRange_FailClearly(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        string corpus = SyntheticFile(temp);

        var result = CliRunner.Run("train", "--input", corpus, "--output", temp.File("v.txt"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Generate_WritesTheRequestedTokens()
    {
        using var temp = new TempDirectory();
        string path = temp.File("zipf.txt");

        var result = CliRunner.Run("generate", "--tokens", "12345", "--vocab", "5000", "--output", path);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(12345, File.ReadAllText(path).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("MB/s", result.StdErr);
    }

    [Fact]
    public void Generate_WritesTheSameFile_OnAnyThreadCount()
    {
        using var temp = new TempDirectory();
        string one = temp.File("one.txt");
        string three = temp.File("three.txt");

        var first = CliRunner.Run("generate", "--tokens", "2100000", "--vocab", "5000", "--threads", "1", "--output", one);
        var second = CliRunner.Run("generate", "--tokens", "2100000", "--vocab", "5000", "--threads", "3", "--output", three);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(three));
    }
}
