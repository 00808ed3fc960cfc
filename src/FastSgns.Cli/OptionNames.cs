using FastSgns.Checkpoints;
using FastSgns.Training;

namespace FastSgns.Cli;

/// <summary>
/// The one table from Core's option names (<see cref="TrainingOptions"/> and <see cref="CheckpointPlan"/> property
/// names, which Core's messages use) to this command's flags, and the rewording of Core's messages with it: the
/// library says "Dim must be …", the CLI says "--dim must be …".
/// </summary>
internal static class OptionNames
{
    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        [nameof(TrainingOptions.Dim)] = "--dim",
        [nameof(TrainingOptions.Window)] = "--window",
        [nameof(TrainingOptions.Negative)] = "--negative",
        [nameof(TrainingOptions.Model)] = "--model",
        [nameof(TrainingOptions.CbowMean)] = "--cbow-mean",
        [nameof(TrainingOptions.HierarchicalSoftmax)] = "--hs",
        [nameof(TrainingOptions.Sample)] = "--sample",
        [nameof(TrainingOptions.MinCount)] = "--min-count",
        [nameof(TrainingOptions.MaxVocab)] = "--max-vocab",
        [nameof(TrainingOptions.Epochs)] = "--epochs",
        [nameof(TrainingOptions.Alpha)] = "--alpha",
        [nameof(TrainingOptions.Threads)] = "--threads",
        [nameof(TrainingOptions.Seed)] = "--seed",
        [nameof(TrainingOptions.Kernel)] = "--kernel",
        [nameof(TrainingOptions.Mode)] = "--mode",
        [nameof(TrainingOptions.SharedNegatives)] = "--shared-negatives",
        [nameof(CheckpointPlan.Resume)] = "--resume",
        [nameof(TrainingOptions.NsExponent)] = "--ns-exponent",
        [nameof(TrainingOptions.StopAfterEpochs)] = "--stop-after-epochs",
        [nameof(TrainingRunSettings.InitialModelPath)] = "--init-model",
    };

    /// <summary>Core option name → flag, for every option the train command exposes.</summary>
    public static IReadOnlyDictionary<string, string> Flags => s_flags;

    /// <summary>The flag for a Core option name; the name itself for an option the CLI does not expose.</summary>
    public static string Flag(string coreName) => s_flags.GetValueOrDefault(coreName, coreName);

    /// <summary>The exception's message in the CLI's words: Core's option names become flags.</summary>
    public static string Message(Exception e) => e is IOptionMessage named ? named.Describe(Flag) : e.Message;
}
