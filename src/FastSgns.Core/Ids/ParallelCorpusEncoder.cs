using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Vocabulary;

namespace FastSgns.Ids;

/// <summary>
/// Encodes a corpus on several threads into exactly the id file <see cref="CorpusEncoder"/> writes on one. Mapped
/// files are cut into chunks at whitespace; workers encode chunks into buffers and the calling thread writes them
/// in chunk order, with at most two chunks per worker in flight, so memory stays bounded whatever the corpus size.
/// A .gz file cannot be cut: it is encoded on the calling thread, streaming, once every chunk before it is written.
/// </summary>
public static class ParallelCorpusEncoder
{
    /// <summary>Text per chunk: small enough that the chunks in flight cost little memory, large enough to amortize a hand-off.</summary>
    internal const long ChunkBytes = 8 << 20;

    /// <summary>Encodes every file of the corpus, in order; returns the number of ids written (markers excluded).</summary>
    public static long Encode(CorpusFiles files, Vocab vocabulary, Stream output, int threads,
        CancellationToken cancellation = default, long chunkBytes = ChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        var writer = new OrderedWriter(output);
        long textBytes = 0;
        int file = 0;
        while (file < files.Count)
        {
            if (files.Mapped(file) is null)
            {
                cancellation.ThrowIfCancellationRequested();
                writer.WriteStreamed(files, file, vocabulary, cancellation, out long bytes);
                textBytes += bytes;
                file++;
                continue;
            }

            // A run of consecutive mapped files goes through the pipeline as one list of chunks.
            var chunks = new List<Chunk>();
            for (; file < files.Count && files.Mapped(file) is { } mapped; file++)
            {
                textBytes += mapped.Length;
                int parts = (int)Math.Clamp((mapped.Length + chunkBytes - 1) / chunkBytes, 1, 1 << 24);
                long[] bounds = Tokenizer.SplitAtWhitespace(mapped, parts);
                for (int p = 0; p < parts; p++)
                {
                    // Every file closes its last sentence, even an empty last chunk's file.
                    bool last = p == parts - 1;
                    if (bounds[p + 1] > bounds[p] || last)
                    {
                        chunks.Add(new Chunk(mapped, bounds[p], bounds[p + 1], last));
                    }
                }
            }

            RunPipeline(chunks, vocabulary, writer, threads, cancellation);
        }

        files.TextBytes = textBytes;
        return writer.Written;
    }

    private readonly record struct Chunk(MappedFile File, long Start, long End, bool EndsFile);

    /// <summary>Workers take chunks in order and encode them; the calling thread writes the results in the same order.</summary>
    private static void RunPipeline(List<Chunk> chunks, Vocab vocabulary, OrderedWriter writer, int threads, CancellationToken cancellation)
    {
        threads = Math.Max(1, Math.Min(threads, chunks.Count));
        int capacity = 2 * threads;
        var done = new EncodedChunk?[capacity];
        var buffers = new ConcurrentBag<int[]>();
        var gate = new object();
        int claimed = 0;
        int written = 0;
        Exception? failure = null;

        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        int index;
                        lock (gate)
                        {
                            while (claimed - written >= capacity && failure is null && !cancellation.IsCancellationRequested)
                            {
                                Monitor.Wait(gate);
                            }

                            if (claimed >= chunks.Count || failure is not null || cancellation.IsCancellationRequested)
                            {
                                return;
                            }

                            index = claimed++;
                        }

                        Chunk chunk = chunks[index];
                        var sink = new ChunkSink(vocabulary, buffers.TryTake(out int[]? buffer) ? buffer : new int[1 << 16]);
                        Tokenizer.Tokenize(chunk.File, chunk.Start, chunk.End, ref sink, Tokenizer.WindowBytes);
                        if (chunk.EndsFile)
                        {
                            sink.OnSentenceEnd();
                        }

                        lock (gate)
                        {
                            done[index % capacity] = sink.Result;
                            Monitor.PulseAll(gate);
                        }
                    }
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= e;
                        Monitor.PulseAll(gate);
                    }
                }
            }) { IsBackground = true, Name = $"encode-{t}" };
            workers[t].Start();
        }

        try
        {
            for (int index = 0; index < chunks.Count; index++)
            {
                EncodedChunk result;
                lock (gate)
                {
                    while (done[index % capacity] is null && failure is null && !cancellation.IsCancellationRequested)
                    {
                        // Woken by workers; the timeout only bounds how late a cancellation is noticed.
                        Monitor.Wait(gate, 100);
                    }

                    if (failure is not null || cancellation.IsCancellationRequested)
                    {
                        break;
                    }

                    result = done[index % capacity]!;
                    done[index % capacity] = null;
                }

                writer.Write(result);
                buffers.Add(result.Ids);
                lock (gate)
                {
                    written++;
                    Monitor.PulseAll(gate);
                }
            }
        }
        finally
        {
            lock (gate)
            {
                // Releases workers waiting for room when the writer stopped early (failure, cancellation, a write error).
                written = int.MaxValue / 2;
                Monitor.PulseAll(gate);
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// A chunk's ids and how its edges join its neighbours: sentence-end markers inside it are placed as one sequential
    /// pass would place them, except a sentence end met before the chunk's first known word, which closes a sentence
    /// only the chunks before it know about.
    /// </summary>
    private sealed record EncodedChunk(int[] Ids, int Count, long Words, bool LeadingSentenceEnd, bool EndsOpen);

    /// <summary>Joins chunks into the id stream, placing the sentence-end markers that fall on chunk edges.</summary>
    private sealed class OrderedWriter(Stream output)
    {
        private bool _sentenceOpen;

        public long Written { get; private set; }

        public void Write(EncodedChunk chunk)
        {
            if (chunk.LeadingSentenceEnd && _sentenceOpen)
            {
                Span<int> marker = [EncodedCorpus.SentenceEnd];
                output.Write(MemoryMarshal.AsBytes(marker));
                _sentenceOpen = false;
            }

            output.Write(MemoryMarshal.AsBytes(chunk.Ids.AsSpan(0, chunk.Count)));
            Written += chunk.Words;
            if (chunk.Words > 0)
            {
                _sentenceOpen = chunk.EndsOpen;
            }
        }

        /// <summary>A .gz file, encoded here while streaming; it starts and ends with the stream's sentence state settled.</summary>
        public void WriteStreamed(CorpusFiles files, int file, Vocab vocabulary, CancellationToken cancellation, out long textBytes)
        {
            // Every file ends its last sentence, so no sentence is open across into the .gz file.
            Debug.Assert(!_sentenceOpen);
            Written += CorpusEncoder.EncodeFile(files, file, vocabulary, output, cancellation, out textBytes);
        }
    }

    private struct ChunkSink(Vocab vocabulary, int[] buffer) : ITokenSink
    {
        private int[] _ids = buffer;
        private int _count;
        private long _words;
        private bool _sentenceOpen;
        private bool _leadingSentenceEnd;

        public readonly EncodedChunk Result => new(_ids, _count, _words, _leadingSentenceEnd, _sentenceOpen);

        public void OnToken(ReadOnlySpan<byte> token)
        {
            int id = vocabulary.IndexOf(token);
            if (id < 0)
            {
                return;
            }

            Append(id);
            _words++;
            _sentenceOpen = true;
        }

        public void OnSentenceEnd()
        {
            if (_sentenceOpen)
            {
                Append(EncodedCorpus.SentenceEnd);
                _sentenceOpen = false;
            }
            else if (_words == 0)
            {
                _leadingSentenceEnd = true;
            }
        }

        private void Append(int id)
        {
            if (_count == _ids.Length)
            {
                // Buffers are reused across chunks, so after the first few chunks this no longer happens.
                Array.Resize(ref _ids, _ids.Length * 2);
            }

            _ids[_count++] = id;
        }
    }
}
