using System.Globalization;
using System.Xml.Linq;

namespace FastSgns.Tests.Plotting;

/// <summary>Reads back what the plot drew: each curve's points, as the SVG holds them, and the texts it shows.</summary>
internal sealed class PlotSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    public static readonly string[] CurveIds = ["loss", "words-per-second", "learning-rate"];

    private PlotSvg(XElement root) => Root = root;

    public XElement Root { get; }

    public static PlotSvg Parse(string text) => new(XElement.Parse(text));

    /// <summary>The SVG element inside an HTML page (the page itself need not be XML).</summary>
    public static PlotSvg FromHtml(string html)
    {
        int start = html.IndexOf("<svg", StringComparison.Ordinal);
        int end = html.IndexOf("</svg>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the page holds no <svg> element");
        return Parse(html[start..(end + "</svg>".Length)]);
    }

    public IReadOnlyList<XElement> Polylines => [.. Root.Descendants(Svg + "polyline")];

    public IReadOnlyList<string> Texts => [.. Root.Descendants(Svg + "text").Select(t => t.Value)];

    public (double X, double Y)[] Points(string id)
    {
        XElement line = Polylines.Single(p => (string?)p.Attribute("id") == id);
        return [.. ((string)line.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(point =>
        {
            string[] xy = point.Split(',');
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        })];
    }

    /// <summary>The tick labels of one panel's vertical axis, as numbers.</summary>
    public double[] VerticalTicks(string id) =>
        [.. Root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "panel-" + id)
            .Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "y-ticks")
            .Elements(Svg + "text").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Asserts the three curves are there with <paramref name="count"/> points each, in time order (x never
    /// decreasing), inside the chart, and that the panels and the time axis are labelled.
    /// </summary>
    public void AssertThreeCurves(int count)
    {
        double width = double.Parse((string)Root.Attribute("width")!, CultureInfo.InvariantCulture);
        double height = double.Parse((string)Root.Attribute("height")!, CultureInfo.InvariantCulture);
        Assert.Equal(3, Polylines.Count);
        foreach (string id in CurveIds)
        {
            var points = Points(id);
            Assert.Equal(count, points.Length);
            for (int i = 0; i < points.Length; i++)
            {
                Assert.InRange(points[i].X, 0, width);
                Assert.InRange(points[i].Y, 0, height);
                if (i > 0)
                {
                    Assert.True(points[i].X >= points[i - 1].X, $"{id}: point {i} at x {points[i].X} comes before point {i - 1} at {points[i - 1].X}");
                }
            }

            Assert.True(VerticalTicks(id).Length >= 2, $"{id}: fewer than two labelled ticks");
        }

        Assert.Contains("Training loss", Texts);
        Assert.Contains("Throughput", Texts);
        Assert.Contains("Learning rate", Texts);
        Assert.Contains("elapsed training time (s)", Texts);
        Assert.Contains("average loss", Texts);
        Assert.Contains("thousand words/s", Texts);
    }
}
