using System.Diagnostics;
using FastSgns.Corpus;
using FastSgns.Diagnostics;
using FastSgns.Embeddings;
using FastSgns.Ids;
using FastSgns.Training;
using FastSgns.Vocabulary;
using Vocab = FastSgns.Vocabulary.Vocab;

namespace FastSgns.Pipeline;

/// <summary>
/// The usual run (plain files, counted here without a memory bound): counting writes the id file as it reads the text
/// (<see cref="CountingEncoder"/>), so encoding only renumbers it instead of reading and hashing every token again.
/// </summary>
internal sealed partial class TrainingPipeline
{
    private WordEmbeddings TrainCountedOnce(CorpusFiles files, string source, IReadOnlyList<KeyValuePair<string, string>> identity, CancellationToken cancellation)
    {
        string idPath = NewIdPath();
        try
        {
            (CountingEncoder counted, Vocab vocabulary, int[] idOfEntry) = CountAndIndex(files, source, idPath, cancellation);
            SgnsTrainer trainer = CreateTrainer(vocabulary, identity);
            return TrainEncoded(trainer, vocabulary, file => counted.Renumber(file.SafeFileHandle, idOfEntry, options.Threads, cancellation), () => files.TextBytes, cancellation, written: idPath);
        }
        finally
        {
            DeleteQuietly(idPath);
        }
    }

    /// <summary>
    /// Counts, writing counting's indices to <paramref name="idPath"/>, and builds the vocabulary, in a frame of its own
    /// (see <see cref="CountVocabulary"/>): the merged counting table is not reachable once this returns.
    /// </summary>
    private (CountingEncoder Counted, Vocab Vocabulary, int[] IdOfEntry) CountAndIndex(CorpusFiles files, string source, string idPath, CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        CountingEncoder counted;
        using (var stream = new FileStream(idPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            counted = CountingEncoder.Count(files, options.Threads, stream, cancellation);
        }

        Utf8WordTable counts = counted.TakeCounts();
        Log?.Invoke($"count: {counted.Tokens:N0} tokens, {counts.Count:N0} distinct, {files.Count} file(s), {Rate(files.TextBytes, stopwatch.Elapsed)} on {options.Threads} thread(s), " +
                    $"indices written{ProcessMemory.PeakSuffix()}");
        if (counted.Tokens == 0)
        {
            throw new InvalidDataException($"{source}: the input contains no words.");
        }

        Vocab vocabulary = BuildVocabulary(counts, source, out int[] idOfEntry);
        return (counted, vocabulary, idOfEntry);
    }
}
