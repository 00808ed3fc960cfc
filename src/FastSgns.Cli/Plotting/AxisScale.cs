using System.Globalization;

namespace FastSgns.Cli.Plotting;

/// <summary>
/// One axis of a chart: a range widened to round numbers, the ticks inside it (steps of 1, 2 or 5 times a power of
/// ten, about <c>target</c> of them) and their labels with as many decimals as the step needs, no more.
/// </summary>
internal sealed class AxisScale
{
    private AxisScale(double min, double max, double step)
    {
        Min = min;
        Max = max;
        Step = step;
        int count = (int)Math.Round((max - min) / step) + 1;
        var ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            // min + i * step, not a running sum: a sum drifts (0.1 + 0.2 ≠ 0.3) and the last tick would miss max.
            ticks[i] = min + (i * step);
        }

        Ticks = ticks;
        Decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Decimals that tell every tick apart: 0 for a step of 5, 3 for 0.005.</summary>
    public int Decimals { get; }

    /// <summary>
    /// The scale for values from <paramref name="low"/> to <paramref name="high"/> (finite, low ≤ high). A single value
    /// gets a range around it, so a flat curve is drawn across the middle of its panel rather than on an edge.
    /// </summary>
    public static AxisScale Covering(double low, double high, int target = 5)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"an axis needs finite values with low ≤ high, got {low} and {high}");
        }

        if (high - low <= Math.Abs(high) * 1e-12)
        {
            double pad = high == 0 ? 1 : Math.Abs(high) * 0.1;
            (low, high) = (low - pad, high + pad);
        }

        double step = NiceStep((high - low) / target);
        double min = Math.Floor((low / step) + 1e-9) * step;
        double max = Math.Ceiling((high / step) - 1e-9) * step;
        return new AxisScale(min, max, step);
    }

    /// <summary>Where <paramref name="value"/> falls between <see cref="Min"/> (0) and <see cref="Max"/> (1).</summary>
    public double Fraction(double value) => (value - Min) / (Max - Min);

    public string Label(double value)
    {
        // A tick at -0.000 (a rounding residue of min + i * step) is printed as 0.
        double rounded = Math.Round(value, Decimals);
        return (rounded == 0 ? 0 : rounded).ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double normalized = rough / magnitude;
        double nice = normalized < 1.5 ? 1 : normalized < 3.5 ? 2 : normalized < 7.5 ? 5 : 10;
        return nice * magnitude;
    }
}
