using FastSgns.Synthetic;

namespace FastSgns.Tests;

public class CliTrainTests
{
    [Fact]
    public void Train_WithPlotAndEval_SavesVectorsSvgAndPrintsTheReport()
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
        string plot = Path.Combine(directory, "curves.svg");

        var result = ExternalProcess.Cli("train", "-i", text, "-o", vectors, "--dim", "16", "--epochs", "1", "--threads", "1",
            "--plot", plot, "--eval-analogies", questions, "--eval-similarity", pairs);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(vectors));
        string svg = File.ReadAllText(plot);
        Assert.StartsWith("<?xml", svg);
        Assert.Equal(3, svg.Split("<polyline ").Length - 1); // the curves themselves: Plotting/TrainPlotCliTests
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
