using System.Globalization;
using FastSgns.Cli.Json;
using FastSgns.Training;

namespace FastSgns.Cli.Plotting;

/// <summary>
/// What an HTML training report says besides its chart: the files, the model's size, every training setting and the
/// evaluation scores when the run was evaluated.
/// </summary>
internal sealed record TrainingRunSummary(
    IReadOnlyList<string> Inputs,
    string Output,
    int Words,
    int Dim,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    EvaluationJson? Evaluation)
{
    /// <summary>The learning rate training started from, which the chart's rate axis spans; null when unknown.</summary>
    public double? StartingRate { get; init; }

    /// <summary>
    /// Every public setting of <paramref name="options"/> by name, read by reflection so that a setting added to
    /// <see cref="TrainingOptions"/> appears in the report without a change here.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SettingsOf(TrainingOptions options)
    {
        var settings = new List<KeyValuePair<string, string>>();
        foreach (var property in typeof(TrainingOptions).GetProperties())
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract"
                && property.GetValue(options) is { } value && (value is IConvertible || value.GetType().IsEnum))
            {
                string text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
                settings.Add(new KeyValuePair<string, string>(property.Name, text));
            }
        }

        return settings;
    }
}
