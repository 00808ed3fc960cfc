using FastSgns.Checkpoints;
using FastSgns.Pipeline;
using FastSgns.Training;
using Microsoft.Extensions.Logging;

namespace FastSgns;

/// <summary>
/// How a training run is carried out, as opposed to what it learns (<see cref="TrainingOptions"/>): where its
/// temporary files go, which vocabulary file it reads or writes, the memory bound on counting, checkpoints, and
/// where it reports. None of these change the vectors, except <see cref="ReadVocabularyPath"/> (other counts) and
/// <see cref="MaxVocabularyMemory"/> (approximate counts of rare words when the bound is reached). Every setting is
/// checked before any input is read.
/// </summary>
public sealed record TrainingRunSettings
{
    /// <summary>
    /// An existing directory for the run's temporary files, deleted when training ends (also on failure): the id file
    /// (4 bytes per corpus word) and, when training from a <see cref="Stream"/> or from sentences, the spool their
    /// text is copied to. The system temporary directory when null. Such files left there by a killed run are removed first.
    /// </summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Take word counts from this word2vec vocabulary file (<c>word count</c> lines) instead of counting the corpus.</summary>
    public string? ReadVocabularyPath { get; init; }

    /// <summary>Save the vocabulary here, in word2vec's <c>word count</c> format (written atomically).</summary>
    public string? SaveVocabularyPath { get; init; }

    /// <summary>
    /// Bound, in bytes, on the tables that count the corpus (0: none). Over it, the rarest words are dropped as
    /// word2vec.c's ReduceVocab does, which makes rare words' counts approximate; the pruning is logged.
    /// </summary>
    public long MaxVocabularyMemory { get; init; }

    /// <summary>
    /// Checkpoint file (written atomically), or null for no checkpoints. When set, cancelling during training saves
    /// the state there and throws <see cref="TrainingInterruptedException"/>. The file is left in place after a
    /// successful run: <see cref="SgnsModel.DeleteCheckpoint"/> removes it once the vectors are saved.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Also save a checkpoint every this fraction of the training (0.1: every 10 %; 0: only when cancelled); at most one per 30 s.</summary>
    public double CheckpointEvery { get; init; }

    /// <summary>
    /// Continue from <see cref="CheckpointPath"/> (which must exist) instead of starting afresh; the input and the
    /// options must be the ones of the interrupted run. The vocabulary comes from the checkpoint, so the corpus is not
    /// counted again.
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Continue training from this full model file (<see cref="SgnsModel.SaveModel"/>) instead of random vectors. When
    /// the model stopped early (<see cref="TrainingOptions.StopAfterEpochs"/>) and the options' Epochs and Alpha and
    /// the input are its own, its learning-rate schedule continues where it stopped; otherwise the new text's words are
    /// added to its vocabulary (old words keep their rows, counts are summed, as gensim's
    /// <c>build_vocab(update=True)</c>) and a new schedule runs. Dim must be the model's. With hierarchical softmax the
    /// tree's inner-node weights go on only when the updated counts give the same Huffman tree, else they restart at zero.
    /// Checkpoints work as for any run; a checkpoint of a continued run resumes only with the same model file.
    /// </summary>
    public string? InitialModelPath { get; init; }

    /// <summary>
    /// Keep the training state (output weights, counts, schedule) with the returned model, so that
    /// <see cref="SgnsModel.SaveModel"/> can write a full model file; it holds as much memory as the vectors until disposed.
    /// </summary>
    public bool KeepTrainingState { get; init; }

    /// <summary>Stage messages (sizes, timings, throughput, the kernel that runs), one line each; null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// The same stage messages as <see cref="Log"/>, for hosts that log through Microsoft.Extensions.Logging: each
    /// line at <see cref="LogLevel.Information"/>, warnings about the input (invalid UTF-8, NUL bytes) at
    /// <see cref="LogLevel.Warning"/>. Both may be set; null for none.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>Progress snapshots, about one a second and one at the end; null for none.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Checks every setting (options are checked by the caller), then maps them onto Core's pipeline.</summary>
    internal TrainingPipeline CreatePipeline(TrainingOptions options)
    {
        Check(MaxVocabularyMemory >= 0, nameof(MaxVocabularyMemory), "must be 0 (no bound) or positive", MaxVocabularyMemory);
        Check(CheckpointEvery is >= 0 and <= 1, nameof(CheckpointEvery), "must be a fraction in [0, 1]", CheckpointEvery);
        Check(!Resume || CheckpointPath is not null, nameof(Resume), "needs a CheckpointPath to resume from", Resume);
        Check(WorkDirectory is null || Directory.Exists(WorkDirectory), nameof(WorkDirectory), "must be an existing directory", $"\"{WorkDirectory}\"");
        if (Resume && !File.Exists(CheckpointPath))
        {
            throw new FileNotFoundException($"{CheckpointPath}: no checkpoint to resume from.", CheckpointPath);
        }

        if (InitialModelPath is not null && !File.Exists(InitialModelPath))
        {
            throw new FileNotFoundException($"{InitialModelPath}: no such model file.", InitialModelPath);
        }

        if (ReadVocabularyPath is not null && !File.Exists(ReadVocabularyPath))
        {
            throw new FileNotFoundException($"{ReadVocabularyPath}: vocabulary file not found.", ReadVocabularyPath);
        }

        return new TrainingPipeline(options)
        {
            WorkDirectory = WorkDirectory,
            ReadVocabularyPath = ReadVocabularyPath,
            SaveVocabularyPath = SaveVocabularyPath,
            MaxVocabMemory = MaxVocabularyMemory,
            Checkpoints = CheckpointPath is null ? null : new CheckpointPlan
            {
                Path = Path.GetFullPath(CheckpointPath),
                EveryFraction = CheckpointEvery,
                Resume = Resume,
            },
            Log = LogLines.Combine(Log, Logger),
            Progress = Progress,
            InitialModelPath = InitialModelPath,
            KeepModel = KeepTrainingState,
        };
    }

    private static void Check(bool ok, string setting, string requirement, object? value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{setting} {requirement}, got {value}.");
        }
    }
}
