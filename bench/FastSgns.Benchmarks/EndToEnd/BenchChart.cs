using ScottPlot;
using FastSgns.IO;

namespace FastSgns.Benchmarks.EndToEnd;

/// <summary>The end-to-end table as a picture: training words/s per trainer beside its analogy accuracy.</summary>
public static class BenchChart
{
    public static void Save(IReadOnlyList<BenchRun> runs, string path, string title)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Bars(multiplot.GetPlot(0), runs, r => r.WordsPerSecond / 1000, "training words/s (thousands)", title, Colors.C0);
        Bars(multiplot.GetPlot(1), runs, r => r.Analogy * 100, "analogy accuracy (%)", "Quality (questions-words, 3CosAdd, top 30k)", Colors.C1);
        byte[] png = multiplot.Render(1000, 800).GetImageBytes(ImageFormat.Png, 100);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void Bars(Plot plot, IReadOnlyList<BenchRun> runs, Func<BenchRun, double> value, string label, string title, Color color)
    {
        var ticks = new Tick[runs.Count];
        var bars = new List<Bar>();
        for (int i = 0; i < runs.Count; i++)
        {
            double v = value(runs[i]);
            bars.Add(new Bar
            {
                Position = i,
                Value = v,
                FillColor = color,
                Label = v.ToString(v >= 100 ? "N0" : v >= 1 ? "F1" : "F2", System.Globalization.CultureInfo.InvariantCulture),
            });
            ticks[i] = new Tick(i, runs[i].Trainer.Replace("FastSgns ", "FastSgns\n").Replace(" (", "\n("));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(label);
    }
}
