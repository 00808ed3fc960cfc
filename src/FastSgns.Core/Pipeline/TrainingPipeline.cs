using System.Diagnostics;
using FastSgns.Checkpoints;
using FastSgns.Corpus;
using FastSgns.Diagnostics;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.IO;
using FastSgns.Kernels;
using FastSgns.Training;
using FastSgns.Vocabulary;
using Vocab = FastSgns.Vocabulary.Vocab;

namespace FastSgns.Pipeline;

/// <summary>
/// Corpus → vocabulary → encoded ids → trainer → vectors. Text is read through memory maps (.gz files as streams)
/// and counted on all threads; the id file is written once, streaming, mapped for every epoch and deleted
/// afterwards, also on failure and cancellation. Each stage logs its time, throughput and the peak RSS so far.
/// </summary>
internal sealed partial class TrainingPipeline(TrainingOptions options)
{
    /// <summary>What was at the checkpoint path when training began, so that only a checkpoint this run wrote is deleted.</summary>
    private FileStatus _checkpointBefore = FileStatus.Missing;

    /// <summary>Where the temporary id file goes; the system temp directory when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Read counts from a word2vec vocabulary file instead of counting the corpus.</summary>
    public string? ReadVocabularyPath { get; init; }

    /// <summary>Save the vocabulary (word2vec's -save-vocab format) here.</summary>
    public string? SaveVocabularyPath { get; init; }

    /// <summary>Stage messages (sizes, timings, kernel); null for silence.</summary>
    public Action<string>? Log { get; init; }

    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Bound, in bytes, on the counting tables (0: none). Over it, rare words are pruned as word2vec.c's ReduceVocab
    /// does, which makes rare words' counts approximate; see <see cref="VocabularyPruning"/>.
    /// </summary>
    public long MaxVocabMemory { get; init; }

    /// <summary>Checkpoints to write during training, or one to resume from.</summary>
    public CheckpointPlan? Checkpoints { get; init; }

    /// <summary>How the last count was pruned, when <see cref="MaxVocabMemory"/> is set.</summary>
    public VocabularyPruning? Pruning { get; private set; }

    public Vocab? Vocabulary { get; private set; }

    /// <summary>Trains on text files (directories: their files by name; .gz: streamed), in the order given, as one corpus.</summary>
    public WordEmbeddings TrainFiles(IReadOnlyList<string> paths, CancellationToken cancellation = default)
    {
        options.Validate();
        if (Distributed is not null)
        {
            return TrainFilesDistributed(paths, Distributed, cancellation);
        }

        _checkpointBefore = Checkpoints is null ? FileStatus.Missing : FileStatus.Of(Checkpoints.Path);
        using CorpusFiles files = CorpusFiles.Open(paths, WorkDirectory, Log, cancellation);
        return TrainCorpus(files, string.Join(", ", paths), cancellation);
    }

    /// <summary>
    /// Trains on text that <paramref name="write"/> puts, once, into a spool file in the work directory (a stream's
    /// bytes, sentences as lines), read from there like a file; <paramref name="name"/> stands for it in messages and
    /// in checkpoints, so a run resumes on the same content whatever the spool is called.
    /// </summary>
    public WordEmbeddings TrainSpooled(string name, Action<Stream> write, CancellationToken cancellation = default)
    {
        options.Validate();
        _checkpointBefore = Checkpoints is null ? FileStatus.Missing : FileStatus.Of(Checkpoints.Path);
        using CorpusFiles files = CorpusFiles.Spool(name, write, WorkDirectory, Log, cancellation);
        return TrainCorpus(files, name, cancellation);
    }

    private WordEmbeddings TrainCorpus(CorpusFiles files, string source, CancellationToken cancellation)
    {
        var identity = PipelineIdentity.Of(options.MinCount, options.MaxVocab, MaxVocabMemory, ReadVocabularyPath, PipelineIdentity.Names(files.Paths), files.Bytes);
        _input = InputFingerprint(identity);
        Vocab vocabulary;
        SgnsTrainer trainer;
        if (Checkpoints is { Resume: true } plan && InitialModelPath is null)
        {
            (vocabulary, trainer) = ResumeFrom(plan, identity);
        }
        else if (InitialModelPath is not null)
        {
            (vocabulary, trainer) = ContinueFrom(InitialModelPath, identity, () => CountWords(files, source, cancellation), source);
        }
        else if (ReadVocabularyPath is null && MaxVocabMemory == 0 && CountingEncoder.Handles(files))
        {
            return TrainCountedOnce(files, source, identity, cancellation);
        }
        else
        {
            vocabulary = CountVocabulary(files, source, cancellation);
            trainer = CreateTrainer(vocabulary, identity);
        }

        return TrainEncoded(trainer, vocabulary, output => ParallelCorpusEncoder.Encode(files, vocabulary, output, options.Threads, cancellation), () => files.TextBytes, cancellation);
    }

    /// <summary>
    /// Counts and builds the vocabulary in a frame of its own. The counting table (every distinct word, also those
    /// under --min-count) must not stay reachable from the caller: TrainFiles runs once, so unoptimized (tier 0),
    /// where every temporary is live to the end of the method, and the table would sit beside the matrices for the
    /// whole training instead of being handed back by <see cref="ReturnFreedMemory"/>.
    /// </summary>
    private Vocab CountVocabulary(CorpusFiles files, string source, CancellationToken cancellation) =>
        BuildVocabulary(CountWords(files, source, cancellation), source);

    /// <summary>The counts of every distinct word, read from --read-vocab or counted on all threads.</summary>
    private Utf8WordTable CountWords(CorpusFiles files, string source, CancellationToken cancellation)
    {
        if (ReadVocabularyPath is not null)
        {
            Utf8WordTable read = VocabularyFile.Read(ReadVocabularyPath);
            Log?.Invoke($"vocabulary: read {read.Count:N0} words from {ReadVocabularyPath}");
            return read;
        }

        var stopwatch = Stopwatch.StartNew();
        Pruning = MaxVocabMemory > 0 ? new VocabularyPruning(MaxVocabMemory) : null;
        Utf8WordTable counts = VocabularyCounter.CountParallel(files, options.Threads, Pruning, out long tokens, cancellation);
        Log?.Invoke($"count: {tokens:N0} tokens, {counts.Count:N0} distinct, {files.Count} file(s), {Rate(files.TextBytes, stopwatch.Elapsed)} on {options.Threads} thread(s){ProcessMemory.PeakSuffix()}");
        if (Pruning is not null)
        {
            Log?.Invoke($"count: {Pruning}");
        }

        if (tokens == 0)
        {
            throw new InvalidDataException($"{source}: the input contains no words.");
        }

        return counts;
    }

    /// <summary>Trains on UTF-8 text held in memory (the embedded default, tests).</summary>
    public WordEmbeddings TrainText(byte[] utf8, CancellationToken cancellation = default)
    {
        options.Validate();
        _checkpointBefore = Checkpoints is null ? FileStatus.Missing : FileStatus.Of(Checkpoints.Path);
        var identity = PipelineIdentity.Of(options.MinCount, options.MaxVocab, MaxVocabMemory, ReadVocabularyPath, "the in-memory text", utf8.Length);
        _input = InputFingerprint(identity);
        Vocab vocabulary;
        SgnsTrainer trainer;
        if (Checkpoints is { Resume: true } plan && InitialModelPath is null)
        {
            (vocabulary, trainer) = ResumeFrom(plan, identity);
        }
        else if (InitialModelPath is not null)
        {
            (vocabulary, trainer) = ContinueFrom(InitialModelPath, identity,
                () => ReadVocabularyPath is not null ? VocabularyFile.Read(ReadVocabularyPath) : VocabularyCounter.Count(utf8, out _), "the in-memory text");
        }
        else
        {
            Utf8WordTable counts = ReadVocabularyPath is not null ? VocabularyFile.Read(ReadVocabularyPath) : VocabularyCounter.Count(utf8, out _);
            vocabulary = BuildVocabulary(counts, "the in-memory text");
            trainer = CreateTrainer(vocabulary, identity);
        }

        return TrainEncoded(trainer, vocabulary, output => CorpusEncoder.Encode(utf8, vocabulary, output), () => utf8.Length, cancellation);
    }

    /// <summary>"N MB in S s (R MB/s)".</summary>
    private static string Rate(long bytes, TimeSpan elapsed) =>
        $"{bytes / 1e6:F1} MB in {elapsed.TotalSeconds:F2} s ({bytes / 1e6 / Math.Max(elapsed.TotalSeconds, 1e-9):F0} MB/s)";

    /// <summary>
    /// Deletes the checkpoint file, once the caller has saved the vectors it no longer needs, but only a checkpoint of
    /// this run: one it resumed from, or one it wrote (the file at the path was replaced since training began). A file
    /// that was there before and never replaced is not this run's to delete, whatever it holds.
    /// </summary>
    public void DeleteCheckpoint()
    {
        if (Checkpoints is null)
        {
            return;
        }

        FileStatus now = FileStatus.Of(Checkpoints.Path);
        if (now.Kind == FileKind.Regular && (Checkpoints.Resume || now != _checkpointBefore))
        {
            File.Delete(Checkpoints.Path);
        }
    }

    private Vocab BuildVocabulary(Utf8WordTable counts, string source) => Accept(Vocab.Build(counts, options.MinCount, options.MaxVocab), counts, source);

    /// <summary>The vocabulary of <paramref name="counts"/>, and each counted entry's id in it (-1: left out).</summary>
    private Vocab BuildVocabulary(Utf8WordTable counts, string source, out int[] idOfEntry) =>
        Accept(Vocab.BuildIndexed(counts, options.MinCount, options.MaxVocab, out idOfEntry), counts, source);

    /// <summary>Logs the vocabulary built from <paramref name="counts"/>, refuses one too small to train, saves it if asked.</summary>
    private Vocab Accept(Vocab vocabulary, Utf8WordTable counts, string source)
    {
        Log?.Invoke($"vocabulary: {vocabulary.Count:N0} words with min-count {options.MinCount}" +
                    (options.MaxVocab > 0 ? $", max-vocab {options.MaxVocab:N0}" : "") + $", {vocabulary.TotalCount:N0} train words");
        if (counts.Count == 0)
        {
            throw new InvalidDataException($"{source}: the vocabulary has 0 word(s): the input contains no words.");
        }

        if (vocabulary.Count < 2)
        {
            // Words were read, so the options dropped them: name the one that did, by Core's name (the CLI rewords it).
            bool byMaxVocab = options.MaxVocab is > 0 and < 2;
            throw new TrainingOptionsException(byMaxVocab ? nameof(TrainingOptions.MaxVocab) : nameof(TrainingOptions.MinCount),
                $"{(byMaxVocab ? options.MaxVocab : options.MinCount)} leaves {vocabulary.Count} word(s) in the vocabulary of {source}; training needs at least 2: lower it or give more text.");
        }

        if (SaveVocabularyPath is not null)
        {
            VocabularyFile.Save(vocabulary, SaveVocabularyPath);
        }

        Vocabulary = vocabulary;
        return vocabulary;
    }

    /// <summary>
    /// For --resume: the vocabulary saved in the checkpoint, read instead of counting the corpus again (a pass over
    /// it, which under --max-vocab-memory could even come out different), and the trainer, once the checkpoint's
    /// identity agrees with this run on everything known before encoding (options, input names and size).
    /// </summary>
    private (Vocab Vocabulary, SgnsTrainer Trainer) ResumeFrom(CheckpointPlan plan, IReadOnlyList<KeyValuePair<string, string>> identity)
    {
        var stopwatch = Stopwatch.StartNew();
        CheckpointHeader header = CheckpointHeader.Read(plan.Path);
        if (header.Identity.FirstOrDefault(p => p.Key == InitialModelKey).Value is { } continued)
        {
            throw new InvalidDataException($"{plan.Path}: the checkpoint belongs to a run continuing the model with {continued}; resume it with that initial model, or start afresh.");
        }

        if (header.Identity.FirstOrDefault(p => p.Key == "Ranks").Value is { } ranks)
        {
            // Its workers' positions are in the ranks' shards, which one process's encoding does not reproduce.
            throw new InvalidDataException($"{plan.Path}: the checkpoint was written by a distributed job of {ranks} ranks; resume it under mpirun as a distributed job (on one rank: mpirun -np 1 with {ranks} times the threads).");
        }

        Vocab vocabulary = header.Vocabulary!;
        SgnsTrainer trainer = CreateTrainer(vocabulary, identity);
        header.Verify(plan.Path, trainer.Identity(corpus: null));
        Log?.Invoke($"vocabulary: {vocabulary.Count:N0} words, {vocabulary.TotalCount:N0} train words, read from checkpoint {plan.Path} in {stopwatch.Elapsed.TotalSeconds:F2} s " +
                    (ReadVocabularyPath is null ? "(counting skipped)" : $"({ReadVocabularyPath} not read again)"));
        if (SaveVocabularyPath is not null)
        {
            VocabularyFile.Save(vocabulary, SaveVocabularyPath);
        }

        Vocabulary = vocabulary;
        return (vocabulary, trainer);
    }

    private SgnsTrainer CreateTrainer(Vocab vocabulary, IReadOnlyList<KeyValuePair<string, string>> identity) =>
        new(options, vocabulary.Counts) { Checkpoints = Checkpoints, Vocabulary = vocabulary, Log = Log, RunIdentity = identity, KeepOutput = KeepModel };

    /// <summary>A new id file's path in the work directory, once the id files of killed runs there are removed.</summary>
    private string NewIdPath()
    {
        string directory = WorkDirectory ?? Path.GetTempPath();
        foreach ((string stale, long bytes) in StaleIdFiles.Remove(directory))
        {
            Log?.Invoke($"encode: removed {stale} ({bytes / 1e6:F1} MB), left behind by a run that was killed");
        }

        return Path.Combine(directory, StaleIdFiles.NewName());
    }

    /// <summary>
    /// Encodes with <paramref name="encode"/> into a new id file (or, when <paramref name="written"/> names one, rewrites
    /// that file, which counting wrote), trains on it and deletes it.
    /// </summary>
    private WordEmbeddings TrainEncoded(SgnsTrainer trainer, Vocab vocabulary, Func<FileStream, long> encode, Func<long> textBytes, CancellationToken cancellation,
        string? written = null)
    {
        string idPath = written ?? NewIdPath();
        try
        {
            // The counting tables (one per thread, then merged: hundreds of MB on a large corpus) are garbage by now,
            // but a GC heap keeps freed pages committed; without this they stayed resident through encoding and the
            // whole training: +270 MB over 470 MB of matrices on 30 M tokens with 1.4 M distinct words.
            ReturnFreedMemory();
            MemoryBudget.EnsureFits(MemoryBudget.TrainingBytes(vocabulary.Count, options.Dim, options.Threads), vocabulary.TotalCount * sizeof(int),
                $"{vocabulary.Count:N0} words of dimension {options.Dim}");
            var stopwatch = Stopwatch.StartNew();
            long words;
            using (var stream = written is null ? new FileStream(idPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)
                       : new FileStream(idPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1))
            {
                words = encode(stream);
            }

            cancellation.ThrowIfCancellationRequested();
            Log?.Invoke($"encode: {words:N0} ids, {new FileInfo(idPath).Length / 1e6:F1} MB id file " +
                        (written is null ? $"from {Rate(textBytes(), stopwatch.Elapsed)}" : $"renumbered from counting's in {stopwatch.Elapsed.TotalSeconds:F2} s") + ProcessMemory.PeakSuffix());
            if (words == 0)
            {
                throw new InvalidDataException("No word of the vocabulary occurs in the input.");
            }

            ReleaseEncodingMemory(EmbeddingMatrix.BytesFor(vocabulary.Count, options.Dim));
            using EncodedCorpus corpus = EncodedCorpus.Map(idPath, words);
            Log?.Invoke($"train: kernel {trainer.Kernel.Name}, {options.Threads} thread(s), {options.Epochs} epoch(s), dim {options.Dim}, window {options.Window}, negative {options.Negative}, sample {options.Sample:G3}, alpha {options.Alpha:G3}, mode {options.Mode.ToString().ToLowerInvariant()}");
            stopwatch.Restart();
            // The trained input matrix becomes the model's vectors (no copy); the output matrix is gone by now.
            var model = new WordEmbeddings(vocabulary.Words, trainer.Train(corpus, Progress, cancellation));
            KeepModelOf(trainer, vocabulary);
            double seconds = stopwatch.Elapsed.TotalSeconds;
            Log?.Invoke($"train: {words * (long)options.Epochs:N0} words in {seconds:F2} s, {words * (double)options.Epochs / seconds / 1000:F0}k words/s, {words * (double)options.Epochs / seconds / options.Threads / 1000:F0}k words/s/thread, " +
                        $"{corpus.Length * sizeof(int) * (double)options.Epochs / 1e6 / seconds:F1} MB/s of ids{ProcessMemory.PeakSuffix()}");
            return model;
        }
        finally
        {
            DeleteQuietly(idPath);
        }
    }

    /// <summary>
    /// Collects the encoder's chunk buffers, garbage once the id file is written (nothing in training allocates managed
    /// memory to trigger a collection, so they would stay resident beside the matrices), and logs what is resident then.
    /// </summary>
    private void ReleaseEncodingMemory(long matrixBytes)
    {
        ReturnFreedMemory();
        GCMemoryInfo heap = GC.GetGCMemoryInfo();
        Log?.Invoke($"memory: {ProcessMemory.CurrentResidentBytes() / 1e6:F0} MB resident (managed heap {heap.HeapSizeBytes / 1e6:F0} MB) before the two matrices, 2 × {matrixBytes / 1e6:F1} MB, are allocated");
    }

    /// <summary>One compacting collection that also decommits what it frees, so freed pages leave the resident set.</summary>
    private static void ReturnFreedMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Best effort: a failed delete must not replace the exception (divergence, cancellation) that got us here.</summary>
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
