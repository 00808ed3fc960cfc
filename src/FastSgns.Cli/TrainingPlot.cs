using FastSgns.IO;
using FastSgns.Training;
using ScottPlot;

namespace FastSgns.Cli;

/// <summary>
/// <c>train --plot FILE.png</c>: loss, throughput and learning rate against wall-clock time, stacked so that a
/// throughput dip can be read against the loss at the same moment. Rendered headless with ScottPlot (SkiaSharp).
/// </summary>
internal static class TrainingPlot
{
    public const int Width = 900;
    public const int Height = 900;

    public static void Save(IReadOnlyList<TrainingProgress> snapshots, string path)
    {
        if (snapshots.Count == 0)
        {
            throw new InvalidDataException("no training progress was reported, so there is nothing to plot.");
        }

        var seconds = new double[snapshots.Count];
        var loss = new double[snapshots.Count];
        var wordsPerSecond = new double[snapshots.Count];
        var learningRate = new double[snapshots.Count];
        for (int i = 0; i < snapshots.Count; i++)
        {
            seconds[i] = snapshots[i].Elapsed.TotalSeconds;
            loss[i] = snapshots[i].AverageLoss;
            wordsPerSecond[i] = snapshots[i].WordsPerSecond / 1000;
            learningRate[i] = snapshots[i].LearningRate;
        }

        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        Panel(multiplot.GetPlot(0), seconds, loss, "average loss", "Training loss", Colors.C0);
        Panel(multiplot.GetPlot(1), seconds, wordsPerSecond, "words/s (thousands)", "Throughput", Colors.C1);
        Panel(multiplot.GetPlot(2), seconds, learningRate, "learning rate", "Learning rate", Colors.C2);
        multiplot.GetPlot(2).XLabel("elapsed seconds");
        byte[] png = multiplot.Render(Width, Height).GetImageBytes(ImageFormat.Png, 100);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void Panel(Plot plot, double[] x, double[] y, string label, string title, Color color)
    {
        var line = plot.Add.Scatter(x, y, color);
        line.MarkerSize = x.Length > 60 ? 0 : 4;
        plot.Title(title);
        plot.YLabel(label);
        plot.Axes.AutoScale();
    }
}
