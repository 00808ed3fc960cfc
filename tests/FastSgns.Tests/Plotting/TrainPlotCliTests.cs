using System.Globalization;
using System.Text.RegularExpressions;
using FastSgns.Synthetic;

namespace FastSgns.Tests.Plotting;

/// <summary>
/// <c>train --plot</c> end to end: a real training run draws its curves as SVG or as an HTML report, and a raster
/// name is refused before any work.
/// </summary>
public sealed partial class TrainPlotCliTests
{
    [Fact]
    public void Train_PlotSvg_DrawsTheThreeCurvesOfTheRun_OnePointPerProgressReport()
    {
        using var temp = new TempDirectory();
        string corpus = Corpus(temp);
        string plot = temp.File("curves.svg");

        // Long enough for several reports (one a second): a machine fast enough to finish in under two seconds gets
        // four times the epochs, and again.
        int points = 0;
        for (int epochs = 40; points < 3 && epochs <= 640; epochs *= 4)
        {
            var result = ExternalProcess.Cli("train", "-i", corpus, "-o", temp.File("v.txt"), "--dim", "16", "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
                "--threads", "1", "--min-count", "1", "--plot", plot);
            Assert.True(result.ExitCode == 0, result.Error);
            points = ReportedPoints(result.Error);
        }

        Assert.True(points >= 3, $"only {points} progress report(s) even at 640 epochs");
        var svg = PlotSvg.Parse(File.ReadAllText(plot));
        svg.AssertThreeCurves(points);
        // The learning rate only decays, so its curve only goes down the page (SVG's y grows downwards).
        var rate = svg.Points("learning-rate");
        Assert.All(rate.Zip(rate.Skip(1)), pair => Assert.True(pair.Second.Y >= pair.First.Y - 0.01, $"learning rate rose from y {pair.First.Y} to {pair.Second.Y}"));
        Assert.True(rate[^1].Y > rate[0].Y, "the learning-rate curve is flat, yet the rate decays over the run");
        // The learning-rate axis spans the starting rate (0.025).
        double[] ticks = svg.VerticalTicks("learning-rate");
        Assert.True(ticks.Min() <= 0.025 && ticks.Max() >= 0.025, $"learning-rate ticks {string.Join(", ", ticks)} miss 0.025");
    }

    [Fact]
    public void Train_PlotHtml_HoldsTheChartTheRunsNumbersAndTheEvaluation()
    {
        using var temp = new TempDirectory();
        SyntheticCorpus corpus = SyntheticCorpus.Generate(sentences: 4000);
        string text = temp.File("corpus.txt");
        File.WriteAllBytes(text, corpus.Text);
        string questions = temp.File("questions.txt");
        File.WriteAllLines(questions, corpus.Analogies.GroupBy(q => q.Section)
            .SelectMany(g => g.Take(20).Select(q => $"{q.A} {q.B} {q.C} {q.D}").Prepend($": {g.Key}")));
        string pairs = temp.Write("pairs.tsv", "# synthetic\ncountry01\tcapital01\t9\ncountry01\tqueen11\t1\ncountry02\tcapital02\t8\n");
        string plot = temp.File("report.html");

        var result = ExternalProcess.Cli("train", "-i", text, "-o", temp.File("vectors.txt"), "--dim", "16", "--epochs", "3", "--threads", "1",
            "--window", "7", "--plot", plot, "--eval-analogies", questions, "--eval-similarity", pairs);

        Assert.True(result.ExitCode == 0, result.Error);
        string html = File.ReadAllText(plot);
        Assert.StartsWith("<!DOCTYPE html>", html);
        PlotSvg.FromHtml(html).AssertThreeCurves(ReportedPoints(result.Error));
        // The numbers are the run's: its final loss as the progress line printed it, the settings it was given, and
        // the evaluation's totals as printed on stdout.
        string finalLoss = FinalLossRegex().Matches(result.Error)[^1].Groups[1].Value;
        Assert.Contains($"<td>final loss</td><td>{finalLoss}</td>", html);
        Assert.Contains("<td>Window</td><td>7</td>", html);
        Assert.Contains("<td>Epochs</td><td>3</td>", html);
        Assert.Contains("words/s (mean)", html);
        string totalAccuracy = TotalRowRegex().Match(result.Output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(totalAccuracy), result.Output);
        Assert.Contains($"<td>total</td><td class=\"n\">{totalAccuracy}</td>", html);
        Assert.Contains("pairs.tsv", html);
        Assert.Contains("id=\"similarity\"", html);
    }

    [Theory]
    [InlineData("curves.png", "PNG")]
    [InlineData("curves.PNG", "PNG")]
    [InlineData("curves", "a file without an extension")]
    public void Train_PlotWithAnotherExtension_IsRefusedBeforeAnyWork_NamingSvgAndHtml(string name, string what)
    {
        using var temp = new TempDirectory();
        string corpus = Corpus(temp);

        var result = ExternalProcess.Cli("train", "-i", corpus, "-o", temp.File("v.txt"), "--plot", temp.File(name));

        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.Contains($"--plot draws SVG or HTML, not {what}", line);
        Assert.Contains("curves.svg", line);
        Assert.Contains("curves.html", line);
        Assert.DoesNotContain("counting", result.Error);
        Assert.Equal(["corpus.txt"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    private static string Corpus(TempDirectory temp)
    {
        string path = temp.File("corpus.txt");
        File.WriteAllBytes(path, SyntheticCorpus.Generate(sentences: 2000).Text);
        return path;
    }

    /// <summary>The count of progress reports the CLI says it plotted ("plot: N progress points to …").</summary>
    private static int ReportedPoints(string stderr)
    {
        Match match = PlotLineRegex().Match(stderr);
        Assert.True(match.Success, stderr);
        return int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"plot: ([\d,]+) progress points to ")]
    private static partial Regex PlotLineRegex();

    [GeneratedRegex(@"loss (\S+)  ETA")]
    private static partial Regex FinalLossRegex();

    [GeneratedRegex(@"^\s+total\s+(\S+ %)", RegexOptions.Multiline)]
    private static partial Regex TotalRowRegex();
}
