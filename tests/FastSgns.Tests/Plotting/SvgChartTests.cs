using System.Globalization;
using System.Xml.Linq;
using FastSgns.Cli.Plotting;
using FastSgns.Training;

namespace FastSgns.Tests.Plotting;

public sealed class SvgChartTests
{
    [Theory]
    [InlineData(0.0000025, 0.025, 0.005, "0.000", "0.025")]
    [InlineData(2.31, 4.08, 0.5, "2.0", "4.5")]
    [InlineData(0, 9.7, 2, "0", "10")]
    [InlineData(180_000, 1_240_000, 200_000, "0", "1400000")]
    public void AxisScale_CoversTheValues_WithRoundSteps_AndLabelsThatTellTicksApart(double low, double high, double step, string first, string last)
    {
        AxisScale axis = AxisScale.Covering(low, high);

        Assert.Equal(step, axis.Step, 1e-12);
        Assert.True(axis.Min <= low && axis.Max >= high, $"[{axis.Min}, {axis.Max}] does not cover [{low}, {high}]");
        Assert.Equal(first, axis.Label(axis.Ticks[0]));
        Assert.Equal(last, axis.Label(axis.Ticks[^1]));
        Assert.Equal(axis.Ticks.Count, axis.Ticks.Select(axis.Label).Distinct().Count());
        Assert.InRange(axis.Ticks.Count, 3, 11);
    }

    [Fact]
    public void AxisScale_OfOneValue_PutsItInsideTheRange_NotOnAnEdge()
    {
        AxisScale axis = AxisScale.Covering(3.5, 3.5);

        Assert.InRange(axis.Fraction(3.5), 0.1, 0.9);
        Assert.Equal(0.5, AxisScale.Covering(0, 0).Fraction(0), 1e-9);
    }

    [Fact]
    public void Chart_MapsEachValueToItsPlace_AndLeavesNonFiniteValuesOut()
    {
        double[] seconds = [1, 2, 3, 4];
        ChartSeries[] series =
        [
            new("loss", "Training loss", "average loss", [4.0, 3.0, double.NaN, 2.0], "#111"),
            new("words-per-second", "Throughput", "thousand words/s", [100.0, 200.0, 300.0, 400.0], "#222"),
            new("learning-rate", "Learning rate", "learning rate", [0.025, 0.02, 0.01, 0.0], "#333"),
        ];

        var svg = PlotSvg.Parse(SvgChart.Render("t", "elapsed training time (s)", seconds, series));

        Assert.Equal(3, svg.Points("loss").Length);
        var throughput = svg.Points("words-per-second");
        Assert.Equal(4, throughput.Length);
        // Evenly spaced in time and in value: equal steps across and up the page.
        double dx = throughput[1].X - throughput[0].X, dy = throughput[1].Y - throughput[0].Y;
        Assert.True(dx > 0 && dy < 0);
        for (int i = 2; i < throughput.Length; i++)
        {
            Assert.Equal(dx, throughput[i].X - throughput[i - 1].X, 0.02);
            Assert.Equal(dy, throughput[i].Y - throughput[i - 1].Y, 0.02);
        }

        // Time starts at zero: the axis is labelled 0 to 4 s, and one step left of the first point (t = 1 s) is the
        // panel's left edge.
        string[] timeTicks = [.. svg.Root.Descendants(PlotSvg.Svg + "g").Single(g => (string?)g.Attribute("class") == "x-ticks")
            .Elements(PlotSvg.Svg + "text").Select(t => t.Value)];
        Assert.Equal("0", timeTicks[0]);
        Assert.Equal("4", timeTicks[^1]);
        XElement frame = svg.Root.Descendants(PlotSvg.Svg + "g").Single(g => (string?)g.Attribute("id") == "panel-words-per-second").Element(PlotSvg.Svg + "rect")!;
        Assert.Equal(double.Parse((string)frame.Attribute("x")!, CultureInfo.InvariantCulture), throughput[0].X - dx, 0.05);
    }

    [Fact]
    public void Chart_OfASingleReport_StillDrawsAPointPerCurve()
    {
        var curves = new TrainingCurves([new TrainingProgress(1, 1000, TimeSpan.FromSeconds(0.4), 2500, 2500, 0.0000025f, 3.2, TimeSpan.Zero, 1)]);

        var svg = PlotSvg.Parse(FastSgns.Cli.TrainingPlot.Chart(curves));

        svg.AssertThreeCurves(1);
        Assert.Equal(3, svg.Root.Descendants(PlotSvg.Svg + "circle").Count());
    }

    [Fact]
    public void Chart_RateAxis_SpansTheStartingRate_ThatNoReportShows()
    {
        // A short run's first report (a second in) already shows a rate far below the start.
        var curves = new TrainingCurves([new TrainingProgress(1, 1000, TimeSpan.FromSeconds(1), 2500, 2500, 0.012f, 3.2, TimeSpan.Zero, 1)]);

        double[] without = PlotSvg.Parse(FastSgns.Cli.TrainingPlot.Chart(curves)).VerticalTicks("learning-rate");
        double[] with = PlotSvg.Parse(FastSgns.Cli.TrainingPlot.Chart(curves, startingRate: 0.025)).VerticalTicks("learning-rate");

        Assert.True(without.Max() < 0.025, $"without a starting rate the axis already reaches {without.Max()}");
        Assert.True(with.Min() <= 0.012 && with.Max() >= 0.025, $"ticks {string.Join(", ", with)} miss the run's range");
    }

    [Fact]
    public void HtmlReport_EncodesNames_AndQuotesTheRunsNumbers()
    {
        var curves = new TrainingCurves(
        [
            new TrainingProgress(0.5, 500_000, TimeSpan.FromSeconds(1), 500_000, 500_000, 0.0125f, 3.5, TimeSpan.FromSeconds(1), 1),
            new TrainingProgress(1, 1_200_000, TimeSpan.FromSeconds(2), 700_000, 700_000, 0.0000025f, 2.75, TimeSpan.Zero, 1),
        ]);
        var run = new TrainingRunSummary(["a<b>&c.txt"], "/tmp/out \"1\".bin", 1234, 50, TrainingRunSummary.SettingsOf(new TrainingOptions { Dim = 50 }), null);

        string html = HtmlReport.Render(FastSgns.Cli.TrainingPlot.Chart(curves), curves, run);

        Assert.Contains("a&lt;b&gt;&amp;c.txt", html);
        Assert.DoesNotContain("a<b>", html);
        Assert.Contains("<td>final loss</td><td>2.7500</td>", html);
        Assert.Contains("<td>words/s (mean)</td><td>600,000</td>", html);
        Assert.Contains("<td>words/s (peak)</td><td>700,000</td>", html);
        Assert.Contains("<td>Dim</td><td>50</td>", html);
        Assert.Contains("<td>Mode</td><td>Pairs</td>", html);
        Assert.DoesNotContain("EqualityContract", html);
        Assert.DoesNotContain("id=\"analogies\"", html);
        PlotSvg.FromHtml(html).AssertThreeCurves(2);
    }
}
