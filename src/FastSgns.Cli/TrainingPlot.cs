using System.Text;
using FastSgns.Cli.Plotting;
using FastSgns.IO;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// <c>train --plot FILE</c>: loss, throughput and learning rate against elapsed training time, stacked so that a
/// throughput dip can be read against the loss at the same moment. <c>.svg</c> writes the chart alone;
/// <c>.html</c> (or <c>.htm</c>) a self-contained report with the chart inline and the run's numbers. Drawn as SVG
/// text by <see cref="SvgChart"/>: no native graphics library, nothing to install.
/// </summary>
internal static class TrainingPlot
{
    /// <summary>
    /// The format <paramref name="path"/> asks for by its extension; anything else (a .png from older versions, a
    /// typo) is refused before any work with the two names that work.
    /// </summary>
    public static PlotFormat FormatOf(string path, string option) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => PlotFormat.Svg,
        ".html" or ".htm" => PlotFormat.Html,
        var extension => throw new ArgumentException(
            $"{path}: {option} draws SVG or HTML, not {(extension.Length == 0 ? "a file without an extension" : extension[1..].ToUpperInvariant())}; " +
            $"name it {Path.ChangeExtension(Path.GetFileName(path), ".svg")} (the chart) or {Path.ChangeExtension(Path.GetFileName(path), ".html")} (the chart and the run's numbers)."),
    };

    public static void Save(IReadOnlyList<TrainingProgress> snapshots, string path, PlotFormat format, TrainingRunSummary run)
    {
        var curves = new TrainingCurves(snapshots);
        string chart = Chart(curves, run.StartingRate);
        string text = format == PlotFormat.Svg ? """<?xml version="1.0" encoding="UTF-8"?>""" + "\n" + chart : HtmlReport.Render(chart, curves, run);
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The stacked chart; the learning-rate axis spans <paramref name="startingRate"/> when it is given.</summary>
    public static string Chart(TrainingCurves curves, double? startingRate = null)
    {
        var thousands = new double[curves.Count];
        for (int i = 0; i < thousands.Length; i++)
        {
            thousands[i] = curves.WordsPerSecond[i] / 1000;
        }

        ChartSeries[] series =
        [
            new("loss", "Training loss", "average loss", curves.Loss, "#1f77b4"),
            new("words-per-second", "Throughput", "thousand words/s", thousands, "#ff7f0e"),
            new("learning-rate", "Learning rate", "learning rate", curves.LearningRate, "#2ca02c", startingRate),
        ];
        return SvgChart.Render("FastSgns training curves", "elapsed training time (s)", curves.Seconds, series);
    }
}
