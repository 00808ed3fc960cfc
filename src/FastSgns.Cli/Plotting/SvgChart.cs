using System.Globalization;
using System.Security;
using System.Text;

namespace FastSgns.Cli.Plotting;

/// <summary>
/// Draws series that share one horizontal axis as panels stacked above each other, as SVG text: each panel has its
/// title, a frame, grid lines at the ticks of both axes, labelled vertical ticks and its curve (a polyline whose
/// id is the series' id); the shared horizontal ticks and the axis title are labelled under the lowest panel.
/// Plain SVG 1.1 with a generic font family, so any browser or image viewer shows it and nothing native is needed.
/// </summary>
internal static class SvgChart
{
    public const int Width = 900;
    private const int PanelHeight = 220;
    private const int Left = 90;
    private const int Right = 24;
    private const int PanelTop = 34;
    private const int PanelGap = 14;
    private const int Bottom = 56;
    private const int MarkerLimit = 60;

    public static int HeightFor(int panels) => (panels * (PanelTop + PanelHeight + PanelGap)) - PanelGap + Bottom;

    public static string Render(string title, string xLabel, IReadOnlyList<double> x, IReadOnlyList<ChartSeries> series)
    {
        if (x.Count == 0 || series.Count == 0)
        {
            throw new ArgumentException("a chart needs at least one point and one series");
        }

        foreach (ChartSeries s in series)
        {
            if (s.Values.Count != x.Count)
            {
                throw new ArgumentException($"series {s.Id} has {s.Values.Count} values for {x.Count} horizontal coordinates");
            }
        }

        AxisScale xAxis = Scale(x, fromZero: true);
        int height = HeightFor(series.Count);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" "))
           .Append("font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">\n")
           .Append("<title>").Append(Escape(title)).Append("</title>\n")
           .Append(Invariant($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n"));

        double plotWidth = Width - Left - Right;
        for (int p = 0; p < series.Count; p++)
        {
            double top = (p * (PanelTop + PanelHeight + PanelGap)) + PanelTop;
            AppendPanel(svg, series[p], x, xAxis, top, plotWidth);
        }

        // The shared horizontal axis, under the lowest panel.
        double axisTop = ((series.Count - 1) * (PanelTop + PanelHeight + PanelGap)) + PanelTop + PanelHeight;
        svg.Append("<g class=\"x-ticks\" text-anchor=\"middle\" fill=\"#333\">\n");
        foreach (double tick in xAxis.Ticks)
        {
            double px = Left + (xAxis.Fraction(tick) * plotWidth);
            svg.Append(Invariant($"<text x=\"{px:F1}\" y=\"{axisTop + 18:F1}\">{xAxis.Label(tick)}</text>\n"));
        }

        svg.Append("</g>\n")
           .Append(Invariant($"<text class=\"x-label\" x=\"{Left + (plotWidth / 2):F1}\" y=\"{axisTop + 42:F1}\" text-anchor=\"middle\" font-size=\"13\">"))
           .Append(Escape(xLabel)).Append("</text>\n")
           .Append("</svg>\n");
        return svg.ToString();
    }

    private static void AppendPanel(StringBuilder svg, ChartSeries series, IReadOnlyList<double> x, AxisScale xAxis, double top, double plotWidth)
    {
        AxisScale yAxis = Scale(series.AxisReaches is double reach ? [.. series.Values, reach] : series.Values, fromZero: false);
        double bottom = top + PanelHeight;
        svg.Append(Invariant($"<g class=\"panel\" id=\"panel-{Escape(series.Id)}\">\n"))
           .Append(Invariant($"<text class=\"panel-title\" x=\"{Left}\" y=\"{top - 10:F1}\" font-size=\"14\" font-weight=\"bold\">"))
           .Append(Escape(series.Title)).Append("</text>\n");

        svg.Append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        foreach (double tick in xAxis.Ticks)
        {
            double px = Left + (xAxis.Fraction(tick) * plotWidth);
            svg.Append(Invariant($"<line x1=\"{px:F1}\" y1=\"{top:F1}\" x2=\"{px:F1}\" y2=\"{bottom:F1}\"/>\n"));
        }

        foreach (double tick in yAxis.Ticks)
        {
            double py = bottom - (yAxis.Fraction(tick) * PanelHeight);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{py:F1}\" x2=\"{Left + plotWidth:F1}\" y2=\"{py:F1}\"/>\n"));
        }

        svg.Append("</g>\n")
           .Append(Invariant($"<rect x=\"{Left}\" y=\"{top:F1}\" width=\"{plotWidth:F1}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#777\"/>\n"))
           .Append("<g class=\"y-ticks\" text-anchor=\"end\" fill=\"#333\">\n");
        foreach (double tick in yAxis.Ticks)
        {
            double py = bottom - (yAxis.Fraction(tick) * PanelHeight);
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{py + 4:F1}\">{yAxis.Label(tick)}</text>\n"));
        }

        double labelY = top + (PanelHeight / 2.0);
        svg.Append("</g>\n")
           .Append(Invariant($"<text class=\"y-label\" x=\"18\" y=\"{labelY:F1}\" transform=\"rotate(-90 18 {labelY:F1})\" text-anchor=\"middle\" font-size=\"13\">"))
           .Append(Escape(series.Unit)).Append("</text>\n");

        var points = new StringBuilder();
        int drawn = 0;
        for (int i = 0; i < x.Count; i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(series.Values[i]))
            {
                double px = Left + (xAxis.Fraction(x[i]) * plotWidth);
                double py = bottom - (yAxis.Fraction(series.Values[i]) * PanelHeight);
                points.Append(drawn++ == 0 ? "" : " ").Append(Invariant($"{px:F2},{py:F2}"));
            }
        }

        svg.Append(Invariant($"<polyline id=\"{Escape(series.Id)}\" fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\""))
           .Append(points).Append("\"/>\n");
        if (drawn <= MarkerLimit)
        {
            // Few points: mark each, so that one or two snapshots still show as dots and not as nothing.
            svg.Append(Invariant($"<g class=\"markers\" fill=\"{series.Color}\">\n"));
            foreach (string point in points.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] xy = point.Split(',');
                svg.Append(Invariant($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\"/>\n"));
            }

            svg.Append("</g>\n");
        }

        svg.Append("</g>\n");
    }

    /// <summary>
    /// The scale over the finite values (from zero when <paramref name="fromZero"/>: elapsed time starts there); none
    /// finite (a curve of NaN) gives the unit range.
    /// </summary>
    private static AxisScale Scale(IReadOnlyList<double> values, bool fromZero)
    {
        double low = fromZero ? 0 : double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double value in values)
        {
            if (double.IsFinite(value))
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        return low <= high ? AxisScale.Covering(low, high) : AxisScale.Covering(0, 1);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
