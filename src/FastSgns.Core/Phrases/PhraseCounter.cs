using System.Runtime.InteropServices;
using FastSgns.Threading;
using FastSgns.Corpus;

namespace FastSgns.Phrases;

/// <summary>
/// Counts the words and bigrams of a corpus on several threads. Chunks (<see cref="CorpusChunks"/>) are counted into
/// one table pair per thread, the tables are merged, and then the bigrams that straddle chunk edges are added, in
/// chunk order, so the counts equal one sequential pass's exactly whatever the cut (unless pruning under a memory
/// bound made them approximate). With <see cref="ChunkIdStreams"/>, each chunk's word indices are kept for rewriting;
/// then, without a memory bound and on several threads, the chunks count only their words, and the bigrams are
/// counted afterwards from the indices by partition (<see cref="PairPartitions"/>), which needs no merge of bigram tables.
/// </summary>
internal static class PhraseCounter
{
    public static PhraseCounts Count(CorpusFiles files, IReadOnlyList<CorpusChunks.Chunk> chunks, bool sentenceBounded, int threads,
        long maxBytes, CancellationToken cancellation, ChunkIdStreams? streams = null)
    {
        threads = Math.Max(1, Math.Min(threads, chunks.Count));
        // Unbounded, with every chunk's indices kept (or read again): words first, then bigrams by partition.
        bool partitioned = streams is not null && maxBytes == 0 && threads > 1 && chunks.All(chunk => !chunk.Streamed);
        var edges = new ChunkEdges[chunks.Count];
        var tables = new PhraseCounts[threads];
        long plainBytes = chunks.Sum(chunk => chunk.Streamed ? 0 : chunk.End - chunk.Start);
        var textBytes = new long[threads];
        ChunkWorkers.Run(threads, chunks.Count, "phrase-count", (id, queue) =>
        {
            long bound = maxBytes / threads;
            // Under a small bound the tables must start small too, or the first words would trigger a pruning.
            int capacity = maxBytes == 0 ? 1 << 16 : (int)Math.Clamp(bound / 256, 16, 1 << 16);
            // Without a bound, the bigram table starts near its final size (about one distinct bigram per 32 bytes of
            // a thread's share of text, at most 4 M), skipping the early doublings and their rebuilds.
            int pairCapacity = partitioned ? 16 : maxBytes == 0 ? (int)Math.Clamp(plainBytes / threads / 32, capacity, 1 << 22) : capacity;
            var counts = new PhraseCounts(bound, capacity, pairCapacity);
            List<int>? ids = streams is null ? null : new List<int>(1 << 16);
            while (queue.TryTake(out int index))
            {
                edges[index] = new ChunkEdges();
                // A .gz file is one chunk, rewritten streaming: its indices are not kept.
                List<int>? chunkIds = chunks[index].Streamed ? null : ids;
                chunkIds?.Clear();
                textBytes[id] += CountChunk(files, chunks[index], counts, edges[index], sentenceBounded, chunkIds, countPairs: !partitioned);
                if (chunkIds is not null)
                {
                    streams!.TryKeep(index, id, CollectionsMarshal.AsSpan(chunkIds));
                }
            }

            tables[id] = counts;
        }, cancellation);
        files.TextBytes = textBytes.Sum();
        int[]?[] toMerged = new int[threads][];
        PhraseCounts merged = Merge(tables, maxBytes, toMerged);
        if (partitioned)
        {
            streams!.Globalize(toMerged, threads, cancellation);
            int capacity = (int)Math.Clamp(plainBytes / threads / 32, 1 << 16, 1 << 22);
            merged.UsePartitions(PairPartitions.Count(files, chunks, streams, merged.Unigrams, sentenceBounded, threads, capacity, cancellation));
            streams.Bind(merged.Unigrams, new int[threads][]);
            return merged;
        }

        AddEdgeBigrams(merged, chunks, edges, sentenceBounded);
        if (merged.Prunings > 0)
        {
            streams?.Clear();
        }
        else
        {
            streams?.Bind(merged.Unigrams, toMerged);
        }

        return merged;
    }

    private static long CountChunk(CorpusFiles files, CorpusChunks.Chunk chunk, PhraseCounts counts, ChunkEdges edges, bool sentenceBounded,
        List<int>? ids, bool countPairs)
    {
        var sink = new PhraseCountSink(counts, edges, sentenceBounded, ids, countPairs);
        long bytes;
        if (chunk.Streamed)
        {
            files.Tokenize(chunk.File, ref sink, out bytes);
        }
        else
        {
            bytes = chunk.End - chunk.Start;
            if (bytes > 0)
            {
                files.Tokenize(chunk.File, chunk.Start, chunk.End, ref sink);
            }
        }

        sink.Finish();
        return bytes;
    }

    /// <summary>
    /// Adds every thread's tables into the largest one, then holds the result under the bound; <paramref name="toMerged"/>[t]
    /// gets how thread t's word indices map into the result (null for the largest; stale if it was pruned).
    /// </summary>
    private static PhraseCounts Merge(PhraseCounts[] tables, long maxBytes, int[]?[] toMerged)
    {
        int largest = 0;
        for (int t = 1; t < tables.Length; t++)
        {
            largest = tables[t].EstimatedBytes > tables[largest].EstimatedBytes ? t : largest;
        }

        PhraseCounts merged = tables[largest];
        merged.MaxBytes = maxBytes;
        tables[largest] = null!;
        for (int t = 0; t < tables.Length; t++)
        {
            if (tables[t] is { } table)
            {
                tables[t] = null!;
                toMerged[t] = merged.Absorb(table);
                merged.Enforce();
            }
        }

        merged.Enforce();
        return merged;
    }

    /// <summary>The bigram across each chunk edge, in corpus order: what one sequential pass would have counted there.</summary>
    private static void AddEdgeBigrams(PhraseCounts counts, IReadOnlyList<CorpusChunks.Chunk> chunks, ChunkEdges[] edges, bool sentenceBounded)
    {
        byte[]? last = null;
        bool broken = true;
        for (int c = 0; c < chunks.Count; c++)
        {
            ChunkEdges edge = edges[c];
            if (edge.HasTokens)
            {
                if (last is not null && edge.FirstWord is not null && !(sentenceBounded && (broken || edge.SentenceEndBeforeFirst)))
                {
                    int first = counts.Unigrams.IndexOf(last);
                    int second = counts.Unigrams.IndexOf(edge.FirstWord);
                    if (first >= 0 && second >= 0)
                    {
                        counts.Pairs.Add(PairTable.Key(first, second), 1);
                    }
                }

                last = edge.LastWord;
                broken = edge.SentenceEndAfterLast;
            }
            else
            {
                broken |= edge.SawSentenceEnd;
            }

            broken |= chunks[c].EndsFile;
        }

        counts.Enforce();
    }
}
