namespace FastSgns.Cli.Plotting;

/// <summary>
/// One curve of a stacked chart, drawn in a panel of its own: <paramref name="Id"/> names its SVG element,
/// <paramref name="Title"/> heads the panel, <paramref name="Unit"/> labels the vertical axis. Values pair with the
/// chart's shared horizontal coordinates, one for one; a value that is not finite is left out of the curve.
/// <paramref name="AxisReaches"/>, when given, is a value the vertical axis spans even if no point reaches it (the
/// learning rate's start, which the first progress report, a second into training, has already left behind).
/// </summary>
internal sealed record ChartSeries(string Id, string Title, string Unit, IReadOnlyList<double> Values, string Color, double? AxisReaches = null);
