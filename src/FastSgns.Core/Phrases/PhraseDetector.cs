using System.Diagnostics;
using System.IO.Compression;
using FastSgns.Corpus;
using FastSgns.IO;

namespace FastSgns.Phrases;

/// <summary>
/// word2phrase and gensim's Phrases on FastSgns's corpus readers: each pass counts words and bigrams (in parallel,
/// <see cref="PhraseCounter"/>), scores the bigrams (<see cref="PhraseTable"/>) and rewrites the text with the
/// phrases joined (in parallel, <see cref="PhraseRewriter"/>). A further pass reads the previous one's output, kept
/// in a hidden spool file in the work directory and deleted as soon as it is read; the last pass writes the output
/// atomically (a temporary file renamed into place), gzip-compressed when its name ends in .gz. Memory is the
/// counting tables (bounded with <see cref="PhraseOptions.MaxVocabularyMemory"/>) and a few chunk buffers per thread.
/// </summary>
internal static class PhraseDetector
{
    /// <summary>Text per chunk, as the parallel encoder cuts it.</summary>
    internal const long ChunkBytes = 8 << 20;

    /// <summary>Without a memory bound, the word indices of about 250 M tokens (a 1.5 GB text) are kept for rewriting.</summary>
    internal const long DefaultIdBudget = 1L << 30;

    public static IReadOnlyList<PhrasePass> Run(IReadOnlyList<string> inputs, string output, PhraseOptions options, string? workDirectory,
        Action<string>? log = null, CancellationToken cancellation = default, long chunkBytes = ChunkBytes)
    {
        options.Validate();
        var passes = new List<PhrasePass>();
        ChainPasses(inputs, options.Passes, workDirectory ?? Path.GetTempPath(), log, cancellation, (number, files, next) =>
        {
            PhrasePass pass;
            if (next is null)
            {
                PhrasePass? written = null;
                AtomicFile.Write(output, stream => written = RunPass(number, files, stream, options, Compresses(output), cancellation, chunkBytes, writeBack: true));
                pass = written!;
            }
            else
            {
                using var stream = new FileStream(next, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
                pass = RunPass(number, files, stream, options, compress: false, cancellation, chunkBytes);
            }

            passes.Add(pass);
            log?.Invoke($"phrases: {pass}");
        });

        return passes;
    }

    /// <summary>
    /// Learns the phrases of <paramref name="options"/>.Passes rounds without writing the text: one table per pass,
    /// the first counted on the inputs, each further one on the previous pass's rewriting (spooled in the work
    /// directory and deleted as the file passes delete theirs). Applying the tables in order to a line
    /// (<see cref="PhraseTable.Join"/>) gives what the file passes write for it.
    /// </summary>
    public static IReadOnlyList<PhraseTable> Learn(IReadOnlyList<string> inputs, PhraseOptions options, string? workDirectory,
        Action<string>? log = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var tables = new List<PhraseTable>();
        ChainPasses(inputs, options.Passes, workDirectory ?? Path.GetTempPath(), log, cancellation, (number, files, next) =>
        {
            if (next is null)
            {
                List<CorpusChunks.Chunk> chunks = CorpusChunks.Plan(files, ChunkBytes);
                PhraseCounts counts = PhraseCounter.Count(files, chunks, options.Scorer == PhraseScorer.Npmi, options.Threads, options.MaxVocabularyMemory, cancellation);
                tables.Add(PhraseTable.Build(counts, options));
                log?.Invoke($"phrases: pass {number}: {counts.Describe()}; {tables[^1].Count:N0} phrases");
            }
            else
            {
                using var stream = new FileStream(next, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
                PhrasePass pass = RunPass(number, files, stream, options, compress: false, cancellation, ChunkBytes, tables.Add);
                log?.Invoke($"phrases: {pass}");
            }
        });

        return tables;
    }

    /// <summary>
    /// Runs <paramref name="passes"/> passes: the first reads the inputs, each further one the previous pass's rewriting,
    /// spooled in <paramref name="directory"/>. <paramref name="pass"/> gets the pass number, the files to read and the
    /// spool to write (null in the last pass). Each spool is deleted once read, and after a failure so is the one being
    /// written.
    /// </summary>
    private static void ChainPasses(IReadOnlyList<string> inputs, int passes, string directory, Action<string>? log,
        CancellationToken cancellation, Action<int, CorpusFiles, string?> pass)
    {
        string? spool = null;
        string? next = null;
        try
        {
            for (int number = 1; number <= passes; number++)
            {
                next = number == passes ? null : Path.Combine(directory, $".fastsgns-{Environment.ProcessId}-{Guid.NewGuid():N}.spool");
                using (CorpusFiles files = CorpusFiles.Open(spool is null ? inputs : [spool], directory, number == 1 ? log : null, cancellation))
                {
                    pass(number, files, next);
                }

                if (spool is not null)
                {
                    InputSpool.Delete(spool);
                }

                (spool, next) = (next, null);
            }
        }
        finally
        {
            foreach (string? left in (string?[])[spool, next])
            {
                if (left is not null)
                {
                    InputSpool.Delete(left);
                }
            }
        }
    }

    /// <summary>
    /// Bytes of word indices counting may keep for rewriting (4 per token and line end): the memory bound when one is
    /// set, else <see cref="DefaultIdBudget"/>; chunks past it are read again.
    /// </summary>
    private static long IdBudget(PhraseOptions options) =>
        options.IdStreamBudget ?? (options.MaxVocabularyMemory > 0 ? options.MaxVocabularyMemory : DefaultIdBudget);

    private static bool Compresses(string output) => output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    private static PhrasePass RunPass(int number, CorpusFiles files, Stream output, PhraseOptions options, bool compress,
        CancellationToken cancellation, long chunkBytes, Action<PhraseTable>? keep = null, bool writeBack = false)
    {
        var clock = Stopwatch.StartNew();
        List<CorpusChunks.Chunk> chunks = CorpusChunks.Plan(files, chunkBytes);
        var streams = new ChunkIdStreams(chunks.Count, IdBudget(options));
        PhraseCounts counts = PhraseCounter.Count(files, chunks, options.Scorer == PhraseScorer.Npmi, options.Threads,
            options.MaxVocabularyMemory, cancellation, streams);
        PhraseTable table = PhraseTable.Build(counts, options);
        streams.Attach(table);
        keep?.Invoke(table);
        double countSeconds = clock.Elapsed.TotalSeconds;
        long textBytes = files.TextBytes;
        (long words, int distinctWords, int distinctBigrams, string counting) = (counts.Words, counts.Unigrams.Count, counts.DistinctPairs, counts.Describe());
        counts = null!; // the counting tables are the run's largest allocation: let them go before rewriting

        clock.Restart();
        PhraseRewriter rewriter;
        if (compress)
        {
            using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            rewriter = PhraseRewriter.Run(files, chunks, table, (byte)options.Delimiter, gzip, options.Threads, cancellation, streams);
        }
        else
        {
            rewriter = PhraseRewriter.Run(files, chunks, table, (byte)options.Delimiter, output, options.Threads, cancellation, streams, writeBack);
        }

        return new PhrasePass
        {
            Number = number,
            Words = words,
            DistinctWords = distinctWords,
            DistinctBigrams = distinctBigrams,
            Phrases = table.Count,
            Joined = rewriter.Joined,
            Chunks = chunks.Count,
            ReplayedChunks = rewriter.Replayed,
            TextBytes = textBytes,
            CountSeconds = countSeconds,
            RewriteSeconds = clock.Elapsed.TotalSeconds,
            Counting = counting,
        };
    }
}
