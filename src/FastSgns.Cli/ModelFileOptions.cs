using System.CommandLine;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// The train options about full model files and what is written instead of vectors: --save-model, --init-model,
/// --stop-after-epochs and --classes, kept apart from <see cref="TrainCommand"/> as <see cref="ScaleOptions"/> are.
/// </summary>
internal sealed class ModelFileOptions
{
    /// <summary>More classes than this would need centroids far larger than any vocabulary's vectors.</summary>
    public const int MaxClasses = 1_000_000;

    private readonly Option<string?> _saveModel = new("--save-model")
    {
        Description = "Also write the full model (both matrices, vocabulary with counts, options, schedule position) here, for --init-model.",
    };

    private readonly Option<string?> _initModel = new("--init-model")
    {
        Description = "Continue training from a --save-model file: options not given take the model's values; its schedule continues " +
                      "on the same input after --stop-after-epochs, else the new text's words are added and a new schedule runs.",
    };

    private readonly Option<int> _stopAfterEpochs = new("--stop-after-epochs")
    {
        Description = "Train only the first N of --epochs (0 = all); the learning rate decays as for all of them, so --init-model continues it.",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _classes = new("--classes")
    {
        Description = "Write word classes (k-means over the vectors, 10 iterations, as word2vec's -classes) to --output as \"word class\" lines instead of vectors (0 = off).",
        DefaultValueFactory = _ => 0,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_saveModel);
        command.Options.Add(_initModel);
        command.Options.Add(_stopAfterEpochs);
        command.Options.Add(_classes);
    }

    public string? SaveModel(ParseResult result) => result.GetValue(_saveModel);

    public string? InitModel(ParseResult result) => result.GetValue(_initModel);

    public int StopAfterEpochs(ParseResult result) => result.GetValue(_stopAfterEpochs);

    /// <summary>The class count, checked before any work (0: write vectors).</summary>
    public int Classes(ParseResult result, bool binary)
    {
        int classes = result.GetValue(_classes);
        if (classes is < 0 or > MaxClasses)
        {
            throw new ArgumentException($"--classes must be between 0 (off) and {MaxClasses}, got {classes}.");
        }

        if (classes > 0 && binary)
        {
            throw new ArgumentException("--binary does not apply with --classes: classes are written as \"word class\" text lines, as word2vec's -classes does.");
        }

        return classes;
    }

    /// <summary>
    /// The options of a run continuing <paramref name="model"/>: each option that shapes a model takes the model's value
    /// unless <paramref name="given"/> says it was on the command line; how the run goes (threads, kernel, when to stop)
    /// is the command line's.
    /// </summary>
    public static TrainingOptions Merge(TrainingOptions commandLine, TrainingOptions model, Func<string, bool> given)
    {
        TrainingOptions o = model with { Threads = commandLine.Threads, Kernel = commandLine.Kernel, StopAfterEpochs = commandLine.StopAfterEpochs };
        var c = commandLine;
        (string Name, Func<TrainingOptions, TrainingOptions> Take)[] shaping =
        [
            (nameof(c.Dim), x => x with { Dim = c.Dim }),
            (nameof(c.Window), x => x with { Window = c.Window }),
            (nameof(c.Negative), x => x with { Negative = c.Negative }),
            (nameof(c.NsExponent), x => x with { NsExponent = c.NsExponent }),
            (nameof(c.Sample), x => x with { Sample = c.Sample }),
            (nameof(c.MinCount), x => x with { MinCount = c.MinCount }),
            (nameof(c.MaxVocab), x => x with { MaxVocab = c.MaxVocab }),
            (nameof(c.Epochs), x => x with { Epochs = c.Epochs }),
            (nameof(c.Alpha), x => x with { Alpha = c.Alpha }),
            (nameof(c.Seed), x => x with { Seed = c.Seed }),
            (nameof(c.Mode), x => x with { Mode = c.Mode }),
            (nameof(c.SharedNegatives), x => x with { SharedNegatives = c.SharedNegatives }),
            (nameof(c.Model), x => x with { Model = c.Model }),
            (nameof(c.CbowMean), x => x with { CbowMean = c.CbowMean }),
            (nameof(c.HierarchicalSoftmax), x => x with { HierarchicalSoftmax = c.HierarchicalSoftmax }),
        ];
        foreach (var (name, take) in shaping)
        {
            if (given(name))
            {
                o = take(o);
            }
        }

        return o;
    }
}
