using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Kernels;
using FastSgns.Vocabulary;
using Vocab = FastSgns.Vocabulary.Vocab;

namespace FastSgns.Training;

/// <summary>
/// Corpus → vocabulary → encoded ids → trainer → vectors. Text is read through memory maps; the id file is written
/// once, mapped for every epoch and deleted afterwards, also on failure and cancellation.
/// </summary>
public sealed class TrainingPipeline(TrainingOptions options)
{
    /// <summary>Where the temporary id file goes; the system temp directory when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Read counts from a word2vec vocabulary file instead of counting the corpus.</summary>
    public string? ReadVocabularyPath { get; init; }

    /// <summary>Save the vocabulary (word2vec's -save-vocab format) here.</summary>
    public string? SaveVocabularyPath { get; init; }

    /// <summary>Stage messages (sizes, timings, kernel); null for silence.</summary>
    public Action<string>? Log { get; init; }

    public IProgress<TrainingProgress>? Progress { get; init; }

    public Vocab? Vocabulary { get; private set; }

    /// <summary>Trains on text files, in the order given, as one corpus.</summary>
    public WordVectors TrainFiles(IReadOnlyList<string> paths, CancellationToken cancellation = default)
    {
        options.Validate();
        if (paths.Count == 0)
        {
            throw new ArgumentException("No input file was given.");
        }

        var files = new List<MappedFile>();
        try
        {
            foreach (string path in paths)
            {
                files.Add(OpenInput(path));
            }

            var stopwatch = Stopwatch.StartNew();
            long bytes = files.Sum(f => f.Length);
            Utf8WordTable counts;
            if (ReadVocabularyPath is not null)
            {
                counts = VocabularyFile.Read(ReadVocabularyPath);
                Log?.Invoke($"vocabulary: read {counts.Count:N0} words from {ReadVocabularyPath}");
            }
            else
            {
                counts = VocabularyCounter.Count(files, out long tokens);
                Log?.Invoke($"count: {tokens:N0} tokens, {counts.Count:N0} distinct, {bytes / 1e6:F1} MB in {stopwatch.Elapsed.TotalSeconds:F2} s ({bytes / 1e6 / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9):F0} MB/s)");
                if (tokens == 0)
                {
                    throw new InvalidDataException($"{string.Join(", ", paths)}: the input contains no words.");
                }
            }

            Vocab vocabulary = BuildVocabulary(counts, string.Join(", ", paths));
            return TrainEncoded(vocabulary, output => CorpusEncoder.Encode(files, vocabulary, output), cancellation);
        }
        finally
        {
            foreach (MappedFile file in files)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>Trains on UTF-8 text held in memory (the embedded default, tests).</summary>
    public WordVectors TrainText(byte[] utf8, CancellationToken cancellation = default)
    {
        options.Validate();
        Utf8WordTable counts = ReadVocabularyPath is not null ? VocabularyFile.Read(ReadVocabularyPath) : VocabularyCounter.Count(utf8, out _);
        Vocab vocabulary = BuildVocabulary(counts, "the in-memory text");
        return TrainEncoded(vocabulary, output => CorpusEncoder.Encode(utf8, vocabulary, output), cancellation);
    }

    private static MappedFile OpenInput(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"{path}: is a directory, expected a text file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: input file not found.", path);
        }

        return MappedFile.Open(path);
    }

    private Vocab BuildVocabulary(Utf8WordTable counts, string source)
    {
        Vocab vocabulary = Vocab.Build(counts, options.MinCount, options.MaxVocab);
        Log?.Invoke($"vocabulary: {vocabulary.Count:N0} words with min-count {options.MinCount}" +
                    (options.MaxVocab > 0 ? $", max-vocab {options.MaxVocab:N0}" : "") + $", {vocabulary.TotalCount:N0} train words");
        if (vocabulary.Count < 2)
        {
            throw new InvalidDataException(
                $"{source}: the vocabulary has {vocabulary.Count} word(s) after --min-count {options.MinCount}; training needs at least 2. Lower --min-count or give more text.");
        }

        if (SaveVocabularyPath is not null)
        {
            VocabularyFile.Save(vocabulary, SaveVocabularyPath);
        }

        Vocabulary = vocabulary;
        return vocabulary;
    }

    private WordVectors TrainEncoded(Vocab vocabulary, Func<Stream, long> encode, CancellationToken cancellation)
    {
        string directory = WorkDirectory ?? Path.GetTempPath();
        string idPath = Path.Combine(directory, $".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.ids");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            long words;
            using (var stream = new FileStream(idPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                words = encode(stream);
            }

            Log?.Invoke($"encode: {words:N0} ids, {new FileInfo(idPath).Length / 1e6:F1} MB id file in {stopwatch.Elapsed.TotalSeconds:F2} s");
            if (words == 0)
            {
                throw new InvalidDataException("No word of the vocabulary occurs in the input.");
            }

            using EncodedCorpus corpus = EncodedCorpus.Map(idPath, words);
            var trainer = new SgnsTrainer(options, vocabulary.Counts);
            Log?.Invoke($"train: kernel {trainer.Kernel.Name}{(trainer.Kernel is NativeKernel ? $" ({NativeKernel.ActivePath})" : "")}, {options.Threads} thread(s), {options.Epochs} epoch(s), dim {options.Dim}, window {options.Window}, negative {options.Negative}, sample {options.Sample:G3}, alpha {options.Alpha:G3}, mode {options.Mode.ToString().ToLowerInvariant()}");
            stopwatch.Restart();
            using EmbeddingMatrix input = trainer.Train(corpus, Progress, cancellation);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            Log?.Invoke($"train: {words * (long)options.Epochs:N0} words in {seconds:F2} s, {words * (double)options.Epochs / seconds / 1000:F0}k words/s, {words * (double)options.Epochs / seconds / options.Threads / 1000:F0}k words/s/thread");
            return WordVectors.From(vocabulary.Words, input);
        }
        finally
        {
            File.Delete(idPath);
        }
    }
}
