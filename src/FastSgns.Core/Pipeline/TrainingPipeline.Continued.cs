using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Sampling;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Pipeline;

/// <summary>
/// Continued training: starting from a full model file instead of random vectors, and keeping what a model file
/// needs at the end. A model whose schedule stopped early (<see cref="TrainingOptions.StopAfterEpochs"/>) continues that
/// schedule when this run has its epochs and alpha and the same input: its vocabulary is taken as saved and the
/// learning rate goes on from where it stopped. Otherwise the new text is counted, the vocabulary updated as gensim's
/// <c>build_vocab(update=True)</c> does (<see cref="VocabularyUpdate"/>) and a new schedule runs from alpha.
/// With hierarchical softmax the Huffman tree is rebuilt from the (updated) counts; the saved inner-node weights (syn1)
/// are kept only when the rebuilt tree is the saved one, node for node, and start at zero (as in a fresh run) otherwise:
/// an inner node of another tree stands for another set of words, so its weights would mean nothing there.
/// A continued run writes and resumes checkpoints like any run; the model's checksum is part of their identity.
/// </summary>
internal sealed partial class TrainingPipeline
{
    /// <summary>The input's names and size, recorded in a saved schedule to recognize the same input later.</summary>
    private string _input = "";

    /// <summary>Start from this full model file (<see cref="ModelFileFormat"/>) instead of random vectors.</summary>
    public string? InitialModelPath { get; init; }

    /// <summary>Keep the output matrix, the counts and the schedule after training, in <see cref="Model"/>.</summary>
    public bool KeepModel { get; init; }

    /// <summary>After training with <see cref="KeepModel"/>: everything a model file needs besides the vectors; the caller owns it.</summary>
    public FullModel? Model { get; private set; }

    private static string InputFingerprint(IReadOnlyList<KeyValuePair<string, string>> identity)
    {
        string Value(string key) => identity.First(p => p.Key == key).Value;
        return $"{Value("InputFiles")} ({Value("InputBytes")} bytes)";
    }

    /// <summary>The checkpoint identity entry naming the model a continued run starts from (absent for a fresh run).</summary>
    internal const string InitialModelKey = "InitialModel";

    private (Vocab Vocabulary, SgnsTrainer Trainer) ContinueFrom(string path, IReadOnlyList<KeyValuePair<string, string>> identity,
        Func<Utf8WordTable> countText, string source)
    {
        ModelFile model = ModelFile.ReadHeader(path);
        TrainingOptions saved = ModelOptions.FromFile(model);
        var initial = new KeyValuePair<string, string>(InitialModelKey, $"checksum {model.Checksum}");
        CheckpointHeader? resumed = Checkpoints is { Resume: true } plan ? CheckpointHeader.Read(plan.Path) : null;
        if (resumed is not null)
        {
            // Before the text is counted: a checkpoint of another model's continuation (or of a fresh run) is refused now.
            string? theirs = resumed.Identity.FirstOrDefault(p => p.Key == InitialModelKey).Value;
            if (theirs != initial.Value)
            {
                throw new InvalidDataException($"{Checkpoints!.Path}: the checkpoint belongs to another run: " +
                    (theirs is null ? "a run that started afresh" : $"a run continuing the model with {theirs}") +
                    $", where this run continues {path} ({initial.Value}). Resume with the same initial model, or start afresh.");
            }
        }

        if (options.Dim != model.Dim)
        {
            throw new TrainingOptionsException(nameof(TrainingOptions.Dim), $"must be {model.Dim}, the dimension of the initial model {path}, got {options.Dim}.");
        }

        ModelSchedule schedule = model.Schedule;
        bool continues = schedule.EpochsDone < saved.Epochs && options.Epochs == saved.Epochs && options.Alpha == saved.Alpha && schedule.Input == _input;
        Vocab vocabulary;
        TrainingStart start;
        if (continues)
        {
            if (options.StopAfterEpochs != 0 && options.StopAfterEpochs <= schedule.EpochsDone)
            {
                throw new TrainingOptionsException(nameof(TrainingOptions.StopAfterEpochs),
                    $"must be 0 or past the {schedule.EpochsDone} epoch(s) the initial model {path} has done, got {options.StopAfterEpochs}.");
            }

            vocabulary = model.Vocabulary;
            bool keepTree = KeepsTree(model, vocabulary, path);
            start = new TrainingStart
            {
                Epoch = schedule.EpochsDone, WordsProcessed = schedule.WordsProcessed, WordsPerEpoch = schedule.WordsPerEpoch,
                Generators = schedule.Generators, LoadRows = (input, output, tree) => ModelFile.ReadMatrices(path, input, output, keepTree ? tree : null),
            };
            Log?.Invoke($"model: continuing the schedule of {path} at epoch {schedule.EpochsDone} of {saved.Epochs}: {vocabulary.Count:N0} words as saved (counting skipped)");
        }
        else
        {
            if (schedule.EpochsDone < saved.Epochs)
            {
                Log?.Invoke($"model: {path} stopped after {schedule.EpochsDone} of its {saved.Epochs} epoch(s) on {schedule.Input}; " +
                            "with other text, epochs or alpha its schedule does not continue: a new one starts");
            }

            VocabularyUpdate update = VocabularyUpdate.Apply(model.Vocabulary, countText(), options.MinCount, options.MaxVocab);
            vocabulary = update.Vocabulary;
            bool keepTree = KeepsTree(model, vocabulary, path);
            start = new TrainingStart
            {
                Epoch = 0, WordsProcessed = 0, WordsPerEpoch = 0, Generators = schedule.Generators,
                LoadRows = (input, output, tree) => ModelFile.ReadMatrices(path, input, output, keepTree ? tree : null), TextCounts = update.TextCounts,
            };
            Log?.Invoke($"model: {model.Vocabulary.Count:N0} words from {path}, {update.Added:N0} new from {source} with min-count {options.MinCount}; " +
                        $"a new schedule of {options.Epochs} epoch(s) from alpha {options.Alpha.ToString("G3", CultureInfo.InvariantCulture)}");
        }

        if (SaveVocabularyPath is not null)
        {
            VocabularyFile.Save(vocabulary, SaveVocabularyPath);
        }

        Vocabulary = vocabulary;
        var trainer = new SgnsTrainer(options, vocabulary.Counts)
        {
            Vocabulary = vocabulary, Log = Log, RunIdentity = [.. identity, initial], KeepOutput = KeepModel, Start = start, Checkpoints = Checkpoints,
        };
        if (resumed is not null)
        {
            resumed.Verify(Checkpoints!.Path, trainer.Identity(corpus: null));
            if (!SameWords(resumed.Vocabulary!, vocabulary))
            {
                throw new InvalidDataException($"{Checkpoints.Path}: the checkpoint belongs to another run: its vocabulary is not the one {path} and this text give. Resume with the same input, or start afresh.");
            }

            Log?.Invoke($"checkpoint: the continuation of {path} ({initial.Value}) resumes from {Checkpoints.Path}");
        }

        return (vocabulary, trainer);
    }

    /// <summary>
    /// Whether the model's tree matrix (syn1) goes on into this run: only when both use hierarchical softmax and the
    /// Huffman tree of this run's counts is the saved counts' tree, node for node (the same text again doubles every
    /// count and keeps the tree; new words or other proportions give another tree, whose inner nodes start at zero).
    /// </summary>
    private bool KeepsTree(ModelFile model, Vocab vocabulary, string path)
    {
        if (!options.HierarchicalSoftmax)
        {
            return false;
        }

        if (!model.HasTree)
        {
            Log?.Invoke($"model: {path} was trained without hierarchical softmax: the tree's inner-node weights start at zero");
            return false;
        }

        bool same = model.Vocabulary.Counts.SequenceEqual(vocabulary.Counts) || SameTree(new HuffmanTree(model.Vocabulary.Counts), new HuffmanTree(vocabulary.Counts));
        if (!same)
        {
            Log?.Invoke($"model: the Huffman tree of the updated counts is not the one {path} was trained with: its inner-node weights (syn1) start at zero, the word vectors are kept");
        }

        return same;
    }

    private static bool SameTree(HuffmanTree a, HuffmanTree b)
    {
        if (a.Words != b.Words)
        {
            return false;
        }

        for (int w = 0; w < a.Words; w++)
        {
            if (!a.Points(w).SequenceEqual(b.Points(w)) || !a.Codes(w).SequenceEqual(b.Codes(w)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameWords(Vocab a, Vocab b) =>
        a.Count == b.Count && a.Counts.SequenceEqual(b.Counts) && a.Words.SequenceEqual(b.Words, StringComparer.Ordinal);

    /// <summary>After training: with <see cref="KeepModel"/>, what a model file needs besides the vectors.</summary>
    private void KeepModelOf(SgnsTrainer trainer, Vocab vocabulary)
    {
        if (trainer.Output is { } output)
        {
            Model = new FullModel { Options = options, Vocabulary = vocabulary, Schedule = trainer.Finished! with { Input = _input }, Output = output, Tree = trainer.Tree };
        }
    }
}
