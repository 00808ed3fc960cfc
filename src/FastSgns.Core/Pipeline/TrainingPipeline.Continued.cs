using System.Globalization;
using FastSgns.Checkpoints;
using FastSgns.Training;
using FastSgns.Vocabulary;

namespace FastSgns.Pipeline;

/// <summary>
/// Continued training: starting from a full model file instead of random vectors, and keeping what a model file
/// needs at the end. A model whose schedule stopped early (<see cref="TrainingOptions.StopAfterEpochs"/>) continues that
/// schedule when this run has its epochs and alpha and the same input: its vocabulary is taken as saved and the
/// learning rate goes on from where it stopped. Otherwise the new text is counted, the vocabulary updated as gensim's
/// <c>build_vocab(update=True)</c> does (<see cref="VocabularyUpdate"/>) and a new schedule runs from alpha.
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

    private (Vocab Vocabulary, SgnsTrainer Trainer) ContinueFrom(string path, IReadOnlyList<KeyValuePair<string, string>> identity,
        Func<Utf8WordTable> countText, string source)
    {
        if (Checkpoints is not null)
        {
            throw new ArgumentException("Continuing a model does not combine with checkpoints: a continued run cannot be resumed yet.");
        }

        ModelFile model = ModelFile.ReadHeader(path);
        TrainingOptions saved = ModelOptions.FromFile(model);
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
            start = new TrainingStart
            {
                Epoch = schedule.EpochsDone, WordsProcessed = schedule.WordsProcessed, WordsPerEpoch = schedule.WordsPerEpoch,
                Generators = schedule.Generators, LoadRows = (input, output) => ModelFile.ReadMatrices(path, input, output),
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
            start = new TrainingStart
            {
                Epoch = 0, WordsProcessed = 0, WordsPerEpoch = 0, Generators = schedule.Generators,
                LoadRows = (input, output) => ModelFile.ReadMatrices(path, input, output), TextCounts = update.TextCounts,
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
            Vocabulary = vocabulary, Log = Log, RunIdentity = identity, KeepOutput = KeepModel, Start = start,
        };
        return (vocabulary, trainer);
    }

    /// <summary>After training: with <see cref="KeepModel"/>, what a model file needs besides the vectors.</summary>
    private void KeepModelOf(SgnsTrainer trainer, Vocab vocabulary)
    {
        if (trainer.Output is { } output)
        {
            Model = new FullModel { Options = options, Vocabulary = vocabulary, Schedule = trainer.Finished! with { Input = _input }, Output = output };
        }
    }
}
