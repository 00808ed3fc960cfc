namespace FastSgns.Cli.Plotting;

/// <summary>What <c>train --plot</c> writes, chosen by the file's extension (<see cref="TrainingPlot.FormatOf"/>).</summary>
internal enum PlotFormat
{
    /// <summary>The chart alone, as an SVG file.</summary>
    Svg,

    /// <summary>A self-contained HTML page: the chart inline and the run's numbers.</summary>
    Html,
}
