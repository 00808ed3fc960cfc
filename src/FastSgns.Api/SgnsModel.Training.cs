using System.Diagnostics.CodeAnalysis;
using FastSgns.Corpus;
using FastSgns.Embeddings;
using FastSgns.Kernels;
using FastSgns.Pipeline;
using FastSgns.Training;

namespace FastSgns;

/// <summary>
/// Training: text files, a stream, sentences (or text in memory) in, a model out. What is learned is set by <see cref="TrainingOptions"/>;
/// how the run goes (work directory, vocabulary files, checkpoints, log and progress) by
/// <see cref="TrainingRunSettings"/>. Options, settings and the kernel are checked before any work starts, so a bad
/// one fails at once rather than after the corpus has been counted.
/// </summary>
public sealed partial class SgnsModel
{
    /// <summary>
    /// Why the analyzers' overload rules are waived for Train and TrainText: the overloads differ in the type of their
    /// first parameter (files, a stream, sentences, bytes) or their third (a progress sink or the run's settings), so
    /// only a literal null there could be ambiguous, and the shorter forms (inputs and options only) bind to the first
    /// overload as they did before settings existed.
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
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    /// <exception cref="FileNotFoundException">An input, the checkpoint to resume from or the vocabulary file to read is missing.</exception>
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
        return Trained(pipeline, pipeline.TrainFiles(inputFiles, cancellation));
    }

    /// <summary>
    /// Trains on UTF-8 text read from <paramref name="utf8Text"/>, from its current position to its end, once: it is
    /// copied into a spool file in <see cref="TrainingRunSettings.WorkDirectory"/> (deleted when training ends) and
    /// read from there on all threads, so any stream works — a network or decompression stream, standard input, a
    /// pipe. Gzip data is recognised and decompressed. The stream is not closed. A newline ends a sentence.
    /// </summary>
    /// <exception cref="TrainingOptionsException">An option is out of range, or leaves fewer than two words.</exception>
    /// <exception cref="ArgumentException">A setting is out of range, or the stream cannot be read.</exception>
    /// <exception cref="PlatformNotSupportedException">The kernel asked for cannot run on this machine.</exception>
    /// <exception cref="InvalidDataException">The stream holds no words, or is not text.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; no model is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    public static SgnsModel Train(Stream utf8Text, TrainingOptions options, TrainingRunSettings? settings = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Text);
        if (!utf8Text.CanRead)
        {
            throw new ArgumentException("The stream to train on cannot be read (it is closed or write-only).");
        }

        TrainingPipeline pipeline = Pipeline(options, settings ?? new TrainingRunSettings());
        return Trained(pipeline, pipeline.TrainSpooled("the stream", spool => InputSpool.Copy(utf8Text, spool, cancellation), cancellation));
    }

    /// <summary>
    /// Trains on sentences given as lists of words, as gensim's <c>Word2Vec(sentences)</c> takes them. The sequence is
    /// enumerated once, lazily, so it may be a generator that reads a corpus of any size: each sentence is written as
    /// a line of text to a spool file in <see cref="TrainingRunSettings.WorkDirectory"/> (deleted when training ends),
    /// and no sentence is kept in memory. The vectors are those of training on a file holding the same sentences, one
    /// per line with the words separated by spaces. A word must be one token: an empty word, or one containing
    /// whitespace, is refused with its sentence and position; words past 100 bytes of UTF-8 are cut there, as in files.
    /// </summary>
    /// <exception cref="TrainingOptionsException">An option is out of range, or leaves fewer than two words.</exception>
    /// <exception cref="ArgumentException">A setting is out of range, or a sentence or word is null, empty or not one token.</exception>
    /// <exception cref="PlatformNotSupportedException">The kernel asked for cannot run on this machine.</exception>
    /// <exception cref="InvalidDataException">The sentences hold no words.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; no model is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    [SuppressMessage("ApiDesign", "RS0026", Justification = Overloads)]
    public static SgnsModel Train(IEnumerable<IReadOnlyList<string>> sentences, TrainingOptions options, TrainingRunSettings? settings = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        TrainingPipeline pipeline = Pipeline(options, settings ?? new TrainingRunSettings());
        return Trained(pipeline, pipeline.TrainSpooled("the sentences", spool => SentenceText.Write(sentences, spool, cancellation), cancellation));
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
        return Trained(pipeline, pipeline.TrainText(utf8, cancellation));
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

    /// <summary>Checks everything that can be checked before work starts: the options, the kernel, then the settings (<see cref="TrainingRunSettings.CreatePipeline"/>).</summary>
    private static TrainingPipeline Pipeline(TrainingOptions options, TrainingRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        options.Validate(); // an unknown kernel name is an option error too
        KernelRegistry.Resolve(options.Kernel); // a kernel this machine cannot run fails here, not after the corpus has been counted
        return settings.CreatePipeline(options);
    }

    /// <summary>The model, holding on to its run while that run has a checkpoint to delete.</summary>
    internal static SgnsModel Trained(TrainingPipeline pipeline, WordEmbeddings embeddings) =>
        new(embeddings) { _checkpointRun = pipeline.Checkpoints is null ? null : pipeline, _full = pipeline.Model };
}
