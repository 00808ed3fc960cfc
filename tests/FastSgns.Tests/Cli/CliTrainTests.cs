using FastSgns.Synthetic;

namespace FastSgns.Tests;

public class CliTrainTests
{
    [Fact]
    public void Train_WithPlotAndEval_SavesVectorsPngAndPrintsTheReport()
    {
        using var temp = new TempDirectory();
        string directory = temp.Path;
        SyntheticCorpus corpus = SyntheticCorpus.Generate(sentences: 4000);
        string text = Path.Combine(directory, "corpus.txt");
        File.WriteAllBytes(text, corpus.Text);
        string questions = Path.Combine(directory, "questions.txt");
        File.WriteAllLines(questions, corpus.Analogies.GroupBy(q => q.Section)
            .SelectMany(g => g.Take(20).Select(q => $"{q.A} {q.B} {q.C} {q.D}").Prepend($": {g.Key}")));
        string pairs = Path.Combine(directory, "pairs.tsv");
        File.WriteAllText(pairs, "# synthetic\ncountry01\tcapital01\t9\ncountry01\tqueen11\t1\ncountry02\tcapital02\t8\n");
        string vectors = Path.Combine(directory, "vectors.txt");
        string plot = Path.Combine(directory, "curves.png");

        var result = ExternalProcess.Cli("train", "-i", text, "-o", vectors, "--dim", "16", "--epochs", "1", "--threads", "1",
            "--plot", plot, "--eval-analogies", questions, "--eval-similarity", pairs);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(vectors));
        byte[] png = File.ReadAllBytes(plot);
        Assert.True(png.Length > 10_000, $"a {png.Length}-byte PNG is too small to hold three panels");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("total", result.Output);
        Assert.Contains("pairs.tsv", result.Output);
    }

    [Fact]
    public void Train_FailsBeforeTraining_WhenAnEvaluationFileIsMissing()
    {
        using var temp = new TempDirectory();
        string directory = temp.Path;
        string text = Path.Combine(directory, "corpus.txt");
        File.WriteAllText(text, "a b c\n");

        var result = ExternalProcess.Cli("train", "-i", text, "-o", Path.Combine(directory, "v.txt"), "--eval-similarity", Path.Combine(directory, "missing.tsv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.tsv", result.Error);
        Assert.False(File.Exists(Path.Combine(directory, "v.txt")));
    }
}
