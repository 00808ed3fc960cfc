using System.Globalization;
using FastSgns.Checkpoints;

namespace FastSgns.Training;

/// <summary>
/// The <see cref="TrainingOptions"/> that shape a model, as the key/value pairs of a model file's options section
/// (<see cref="ModelFileFormat"/>), and back. How a run goes (threads, kernel, stopping early) is not recorded: those
/// are the continuing run's to choose. A key a file lacks keeps the option's default, so options added later read
/// from older files as they trained; a key this build does not know is refused.
/// </summary>
internal static class ModelOptions
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    private sealed record Entry(string Name, Func<TrainingOptions, string> Get, Func<TrainingOptions, string, TrainingOptions?> Set);

    private static readonly Entry[] s_entries =
    [
        new(nameof(TrainingOptions.Dim), o => o.Dim.ToString(s_c), (o, v) => Int(v) is { } x ? o with { Dim = x } : null),
        new(nameof(TrainingOptions.Window), o => o.Window.ToString(s_c), (o, v) => Int(v) is { } x ? o with { Window = x } : null),
        new(nameof(TrainingOptions.Negative), o => o.Negative.ToString(s_c), (o, v) => Int(v) is { } x ? o with { Negative = x } : null),
        new(nameof(TrainingOptions.Model), o => o.Model.ToString(), (o, v) => Enum.TryParse(v, out TrainingModel x) && Enum.IsDefined(x) ? o with { Model = x } : null),
        new(nameof(TrainingOptions.CbowMean), o => o.CbowMean ? "true" : "false", (o, v) => v is "true" or "false" ? o with { CbowMean = v == "true" } : null),
        new(nameof(TrainingOptions.HierarchicalSoftmax), o => o.HierarchicalSoftmax ? "true" : "false", (o, v) => v is "true" or "false" ? o with { HierarchicalSoftmax = v == "true" } : null),
        new(nameof(TrainingOptions.NsExponent), o => o.NsExponent.ToString("R", s_c), (o, v) => Double(v) is { } x ? o with { NsExponent = x } : null),
        new(nameof(TrainingOptions.Sample), o => o.Sample.ToString("R", s_c), (o, v) => Double(v) is { } x ? o with { Sample = x } : null),
        new(nameof(TrainingOptions.MinCount), o => o.MinCount.ToString(s_c), (o, v) => Long(v) is { } x ? o with { MinCount = x } : null),
        new(nameof(TrainingOptions.MaxVocab), o => o.MaxVocab.ToString(s_c), (o, v) => Int(v) is { } x ? o with { MaxVocab = x } : null),
        new(nameof(TrainingOptions.Epochs), o => o.Epochs.ToString(s_c), (o, v) => Int(v) is { } x ? o with { Epochs = x } : null),
        new(nameof(TrainingOptions.Alpha), o => o.Alpha.ToString("R", s_c), (o, v) => Double(v) is { } x ? o with { Alpha = (float)x } : null),
        new(nameof(TrainingOptions.Seed), o => o.Seed.ToString(s_c), (o, v) => ulong.TryParse(v, NumberStyles.None, s_c, out ulong x) ? o with { Seed = x } : null),
        new(nameof(TrainingOptions.Mode), o => o.Mode.ToString(), (o, v) => Enum.TryParse(v, out TrainingMode x) && Enum.IsDefined(x) ? o with { Mode = x } : null),
        new(nameof(TrainingOptions.SharedNegatives), o => o.SharedNegatives.ToString(s_c), (o, v) => Int(v) is { } x ? o with { SharedNegatives = x } : null),
        new(nameof(TrainingOptions.SigmoidTableSize), o => o.SigmoidTableSize.ToString(s_c), (o, v) => Int(v) is { } x ? o with { SigmoidTableSize = x } : null),
        new(nameof(TrainingOptions.SigmoidMaxExp), o => o.SigmoidMaxExp.ToString("R", s_c), (o, v) => Double(v) is { } x ? o with { SigmoidMaxExp = (float)x } : null),
    ];

    /// <summary>The options that shape the model, in a fixed order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToPairs(TrainingOptions options) =>
        [.. s_entries.Select(e => new KeyValuePair<string, string>(e.Name, e.Get(options)))];

    /// <summary>
    /// The options a model file records, over the defaults; an unknown key, an unreadable value or a value out of range
    /// is damage of the file's options section.
    /// </summary>
    public static TrainingOptions FromFile(ModelFile file)
    {
        var options = new TrainingOptions();
        foreach (var (key, value) in file.Options)
        {
            Entry entry = s_entries.FirstOrDefault(e => e.Name == key)
                ?? throw file.DamagedOptions($"holds the option {key}, unknown to this FastSgns (written by a newer one?)");
            options = entry.Set(options, value) ?? throw file.DamagedOptions($"gives {key} the unreadable value \"{value}\"");
        }

        try
        {
            options.Validate();
        }
        catch (TrainingOptionsException e)
        {
            throw file.DamagedOptions($"gives {e.OptionName} a value that {e.Requirement.TrimEnd('.')}");
        }

        if (options.Dim != file.Dim)
        {
            throw file.DamagedOptions($"gives Dim {options.Dim} where its matrices have {file.Dim}");
        }

        if (options.HierarchicalSoftmax != file.HasTree)
        {
            throw file.DamagedOptions($"gives HierarchicalSoftmax {(options.HierarchicalSoftmax ? "true" : "false")} where the file {(file.HasTree ? "holds" : "lacks")} the tree matrix");
        }

        return options;
    }

    private static int? Int(string v) => int.TryParse(v, NumberStyles.AllowLeadingSign, s_c, out int x) ? x : null;

    private static long? Long(string v) => long.TryParse(v, NumberStyles.AllowLeadingSign, s_c, out long x) ? x : null;

    private static double? Double(string v) => double.TryParse(v, NumberStyles.Float, s_c, out double x) ? x : null;
}
