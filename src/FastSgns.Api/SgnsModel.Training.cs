using System.Diagnostics.CodeAnalysis;
using FastSgns.Checkpoints;
using FastSgns.Kernels;
using FastSgns.Pipeline;
using FastSgns.Training;

namespace FastSgns;

/// <summary>
/// Training: text files (or text in memory) in, a model out. What is learned is set by <see cref="TrainingOptions"/>;
/// how the run goes (work directory, vocabulary files, checkpoints, log and progress) by
/// <see cref="TrainingRunSettings"/>. Options, settings and the kernel are checked before any work starts, so a bad
/// one fails at once rather than after the corpus has been counted.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>
    /// Why the analyzers' overload rules are waived for Train and TrainText: the overloads differ in the type of their
    /// third parameter (a progress sink or the run's settings), so only a literal null there could be ambiguous, and
    /// the shorter forms (inputs and options only) bind to the first overload as they did before settings existed.
    /// </summary>
    private const string Overloads = "The third parameter's type tells the overloads apart.";

    /// <summary>The run that trained this model, kept only while it has a checkpoint to delete (it knows whether the file is its own).</summary>
    private TrainingPipeline? _checkpointRun;

    /// <summary>Trains on one or more UTF-8 text files (directories: their files by name; .gz: streamed), read in order as one corpus.</summary>
    /// <exception cref="TrainingOptionsException">An option is out of range, or leaves fewer than two words.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; no model is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = Overloads)]
    public static SgnsModel Train(IReadOnlyList<string> inputFiles, TrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default) =>
        Train(inputFiles, options, new TrainingRunSettings { Progress = progress }, cancellation);

    /// <summary>
    /// Trains on one or more UTF-8 text files, read in order as one corpus, with the run's files, checkpoints and
    /// reporting set by <paramref name="settings"/>. With a checkpoint path, cancelling during training saves a
    /// checkpoint and throws <see cref="TrainingInterruptedException"/>.
    /// </summary>
    /// <exception cref="TrainingOptionsException">An option is out of range, or leaves fewer than two words.</exception>
    /// <exception cref="ArgumentException">The kernel is unknown, or a setting is out of range.</exception>
    /// <exception cref="PlatformNotSupportedException">The kernel asked for cannot run on this machine.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; no model is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = Overloads)]
    public static SgnsModel Train(IReadOnlyList<string> inputFiles, TrainingOptions options, TrainingRunSettings settings,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputFiles);
        TrainingPipeline pipeline = Pipeline(options, settings);
        return new(pipeline.TrainFiles(inputFiles, cancellation)) { _checkpointRun = pipeline.Checkpoints is null ? null : pipeline, _full = pipeline.Model };
    }

    /// <summary>Trains on UTF-8 text in memory (a newline ends a sentence).</summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = Overloads)]
    public static SgnsModel TrainText(byte[] utf8, TrainingOptions options, CancellationToken cancellation = default) =>
        TrainText(utf8, options, new TrainingRunSettings(), cancellation);

    /// <summary>Trains on UTF-8 text in memory, with the run's files, checkpoints and reporting set by <paramref name="settings"/>.</summary>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    [SuppressMessage("ApiDesign", "RS0027", Justification = Overloads)]
    public static SgnsModel TrainText(byte[] utf8, TrainingOptions options, TrainingRunSettings settings, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        TrainingPipeline pipeline = Pipeline(options, settings);
        return new(pipeline.TrainText(utf8, cancellation)) { _checkpointRun = pipeline.Checkpoints is null ? null : pipeline, _full = pipeline.Model };
    }

    /// <summary>
    /// Deletes the checkpoint of the run that trained this model — one it wrote or resumed from, never a file that was
    /// at <see cref="TrainingRunSettings.CheckpointPath"/> before and left untouched. Call it once the vectors are
    /// saved; until then the checkpoint is the only copy of the training. Does nothing for a model trained without a
    /// checkpoint path, or loaded from a file.
    /// </summary>
    public void DeleteCheckpoint()
    {
        Interlocked.Exchange(ref _checkpointRun, null)?.DeleteCheckpoint();
    }

    /// <summary>Checks everything that can be checked before work starts, then maps the settings onto Core's pipeline.</summary>
    private static TrainingPipeline Pipeline(TrainingOptions options, TrainingRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.Validate();
        // Unknown or unsupported kernels throw here, not after the corpus has been counted.
        KernelRegistry.Resolve(options.Kernel);
        Check(settings.MaxVocabularyMemory >= 0, nameof(TrainingRunSettings.MaxVocabularyMemory), "must be 0 (no bound) or positive", settings.MaxVocabularyMemory);
        Check(settings.CheckpointEvery is >= 0 and <= 1, nameof(TrainingRunSettings.CheckpointEvery), "must be a fraction in [0, 1]", settings.CheckpointEvery);
        Check(!settings.Resume || settings.CheckpointPath is not null, nameof(TrainingRunSettings.Resume), "needs a CheckpointPath to resume from", settings.Resume);
        Check(settings.InitialModelPath is null || settings.CheckpointPath is null, nameof(TrainingRunSettings.InitialModelPath),
            "does not combine with a CheckpointPath (a continued run cannot be resumed)", settings.InitialModelPath!);
        return new TrainingPipeline(options)
        {
            WorkDirectory = settings.WorkDirectory,
            ReadVocabularyPath = settings.ReadVocabularyPath,
            SaveVocabularyPath = settings.SaveVocabularyPath,
            MaxVocabMemory = settings.MaxVocabularyMemory,
            Checkpoints = settings.CheckpointPath is null ? null : new CheckpointPlan
            {
                Path = Path.GetFullPath(settings.CheckpointPath),
                EveryFraction = settings.CheckpointEvery,
                Resume = settings.Resume,
            },
            Log = settings.Log,
            Progress = settings.Progress,
            InitialModelPath = settings.InitialModelPath,
            KeepModel = settings.KeepTrainingState,
        };
    }

    private static void Check(bool ok, string setting, string requirement, object value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{setting} {requirement}, got {value}.");
        }
    }
}
