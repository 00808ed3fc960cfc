using FastSgns.Embeddings;
using FastSgns.Synthetic;
using FastSgns.Tests.Support;
using FastSgns.Writers;

namespace FastSgns.Tests.Cli;

/// <summary>--model, --cbow-mean and --hs (also with --mode batched) as users run them: help, training, and the combinations refused before any work.</summary>
public sealed class ModelFamilyCliTests
{
    [Fact]
    public void Help_ShowsTheModelFamilyOptions()
    {
        var result = CliRunner.Run("train", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--model", "--cbow-mean", "--hs" })
        {
            Assert.Contains(option, result.StdOut);
        }

        Assert.Contains("[default: skipgram]", result.StdOut);
        Assert.Contains("0.05 for cbow", result.StdOut);
    }

    [Theory]
    [InlineData("--model", "cbow", "--cbow-mean", "sum")]
    [InlineData("--hs", "--negative", "0")]
    [InlineData("--model", "cbow", "--hs")]
    [InlineData("--hs", "--negative", "0", "--mode", "batched")]
    public void Train_WithTheModelFamily_WritesAModelThatLoads(params string[] family)
    {
        using var temp = new TempDirectory();
        string corpus = temp.File("corpus.txt");
        File.WriteAllBytes(corpus, SyntheticCorpus.Generate(3000).Text);
        string output = temp.File("model.txt");

        var result = CliRunner.Run(["train", "--input", corpus, "--output", output, "--dim", "16", "--epochs", "1", "--threads", "1", .. family]);

        Assert.True(result.ExitCode == 0, result.StdErr);
        WordEmbeddings vectors = Word2VecReader.Load(output);
        Assert.Equal(16, vectors.Dim);
    }

    [Theory]
    [InlineData("--negative must be at least 1 unless hierarchical softmax is on, got 0.", "--negative", "0")]
    [InlineData("--mode must be Pairs with CBOW or with hierarchical softmax plus negatives", "--model", "cbow", "--mode", "batched")]
    [InlineData("--mode must be Pairs with CBOW or with hierarchical softmax plus negatives", "--hs", "--mode", "batched")]
    public void Refused_BeforeTheCorpusIsRead(string expected, params string[] family)
    {
        using var temp = new TempDirectory();

        // The input does not exist: the options must fail first.
        var result = CliRunner.Run(["train", "--input", temp.File("missing.txt"), "--output", temp.File("m.txt"), .. family]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Contains(expected, result.StdErr);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
