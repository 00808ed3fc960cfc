using System.Diagnostics;
using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Threading;
using FastSgns.Vocabulary;

namespace FastSgns.Ids;

/// <summary>
/// Encodes a corpus on several threads into exactly the id file <see cref="CorpusEncoder"/> writes on one. Plain
/// files are cut into chunks at whitespace; workers encode chunks into buffers and the calling thread writes them
/// in chunk order, with at most two chunks per worker in flight, so memory stays bounded whatever the corpus size.
/// A .gz file cannot be cut: it is encoded on the calling thread, streaming, once every chunk before it is written.
/// </summary>
internal static class ParallelCorpusEncoder
{
    /// <summary>
    /// Text per chunk: small enough that the chunks in flight cost little memory and the last chunk, which one worker
    /// finishes while the other waits, is short; large enough to amortize a hand-off (a write of its ids) many times.
    /// </summary>
    internal const long ChunkBytes = 2 << 20;

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
            if (!files.IsSplittable(file))
            {
                cancellation.ThrowIfCancellationRequested();
                writer.WriteStreamed(files, file, vocabulary, cancellation, out long bytes);
                textBytes += bytes;
                file++;
                continue;
            }

            // A run of consecutive plain files goes through the pipeline as one list of chunks.
            var chunks = new List<Chunk>();
            for (; file < files.Count && files.IsSplittable(file); file++)
            {
                long length = files.TextLength(file);
                textBytes += length;
                int parts = (int)Math.Clamp((length + chunkBytes - 1) / chunkBytes, 1, 1 << 24);
                long[] bounds = files.SplitAtWhitespace(file, parts);
                for (int p = 0; p < parts; p++)
                {
                    // Every file closes its last sentence, even an empty last chunk's file.
                    bool last = p == parts - 1;
                    if (bounds[p + 1] > bounds[p] || last)
                    {
                        chunks.Add(new Chunk(file, bounds[p], bounds[p + 1], last));
                    }
                }
            }

            RunPipeline(files, chunks, vocabulary, writer, threads, IdsPerChunk(chunkBytes), cancellation);
        }

        files.TextBytes = textBytes;
        return writer.Written;
    }

    private readonly record struct Chunk(int File, long Start, long End, bool EndsFile);

    /// <summary>
    /// A chunk buffer's first size: the ids of a chunk of text with tokens of 3 bytes and more, space included (real
    /// text averages 5 to 7), so it rarely grows; memory it does not reach is never touched, so never made resident.
    /// </summary>
    private static int IdsPerChunk(long chunkBytes) => (int)Math.Clamp(chunkBytes / 4, 1 << 12, 1 << 24);

    /// <summary>Workers encode chunks into reusable buffers; the calling thread writes them in chunk order.</summary>
    private static void RunPipeline(CorpusFiles files, List<Chunk> chunks, Vocab vocabulary, OrderedWriter writer, int threads, int idsPerChunk,
        CancellationToken cancellation) =>
        OrderedPipeline<EncodedChunk>.Run(chunks.Count, threads,
            () => new EncodedChunk(idsPerChunk),
            (index, encoded, _) =>
            {
                Chunk chunk = chunks[(int)index];
                var sink = new ChunkSink(vocabulary, encoded);
                files.Tokenize(chunk.File, chunk.Start, chunk.End, ref sink);
                if (chunk.EndsFile)
                {
                    sink.OnSentenceEnd();
                }
            },
            (_, encoded) => writer.Write(encoded),
            cancellation);

    /// <summary>
    /// A chunk's ids and how its edges join its neighbours: sentence-end markers inside it are placed as one sequential
    /// pass would place them, except a sentence end met before the chunk's first known word, which closes a sentence
    /// only the chunks before it know about.
    /// </summary>
    private sealed class EncodedChunk(int capacity)
    {
        /// <summary>Reused from chunk to chunk; grows, if ever, to the largest chunk's ids, then stays. Not cleared: only written entries are read.</summary>
        public int[] Ids = GC.AllocateUninitializedArray<int>(capacity);
        public int Count;
        public long Words;
        public bool LeadingSentenceEnd;
        public bool EndsOpen;
    }

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

    /// <summary>Encodes one chunk into its slot, placing sentence ends as one sequential pass would from a closed sentence.</summary>
    private readonly struct ChunkSink : ITokenSink
    {
        private readonly Vocab _vocabulary;
        private readonly EncodedChunk _chunk;

        public ChunkSink(Vocab vocabulary, EncodedChunk chunk)
        {
            _vocabulary = vocabulary;
            _chunk = chunk;
            chunk.Count = 0;
            chunk.Words = 0;
            chunk.LeadingSentenceEnd = false;
            chunk.EndsOpen = false;
        }

        public static bool TakesBatches => true;

        public void OnToken(ReadOnlySpan<byte> token)
        {
            int id = _vocabulary.IndexOf(token);
            if (id >= 0)
            {
                OnWord(id);
            }
        }

        /// <summary>
        /// Looks the batch up straight into the chunk's array, then packs it in place: a known word's id stays, an
        /// unknown word goes, a sentence end becomes a marker when a sentence is open. The chunk's state is in locals
        /// for the batch, so a token costs no loads and stores of the chunk's fields.
        /// </summary>
        public void OnBatch(ReadOnlySpan<byte> text, ReadOnlySpan<TokenSpan> batch)
        {
            EncodedChunk chunk = _chunk;
            int count = chunk.Count;
            if (chunk.Ids.Length - count < batch.Length)
            {
                int[] grown = GC.AllocateUninitializedArray<int>(Math.Max(chunk.Ids.Length * 2, count + batch.Length));
                chunk.Ids.AsSpan(0, count).CopyTo(grown);
                chunk.Ids = grown;
            }

            Span<int> ids = chunk.Ids.AsSpan(count, batch.Length);
            _vocabulary.IndexOfBatch(text, batch, ids);
            long words = chunk.Words;
            bool open = chunk.EndsOpen;
            int kept = 0;
            for (int j = 0; j < batch.Length; j++)
            {
                if (batch[j].IsSentenceEnd)
                {
                    if (open)
                    {
                        ids[kept++] = EncodedCorpus.SentenceEnd;
                        open = false;
                    }
                    else if (words == 0)
                    {
                        chunk.LeadingSentenceEnd = true;
                    }
                }
                else if (ids[j] >= 0)
                {
                    // kept <= j: the id moves down over entries already read.
                    ids[kept++] = ids[j];
                    words++;
                    open = true;
                }
            }

            chunk.Count = count + kept;
            chunk.Words = words;
            chunk.EndsOpen = open;
        }

        private void OnWord(int id)
        {
            Append(id);
            _chunk.Words++;
            _chunk.EndsOpen = true;
        }

        public void OnSentenceEnd()
        {
            if (_chunk.EndsOpen)
            {
                Append(EncodedCorpus.SentenceEnd);
                _chunk.EndsOpen = false;
            }
            else if (_chunk.Words == 0)
            {
                _chunk.LeadingSentenceEnd = true;
            }
        }

        private void Append(int id)
        {
            if (_chunk.Count == _chunk.Ids.Length)
            {
                Array.Resize(ref _chunk.Ids, _chunk.Ids.Length * 2);
            }

            _chunk.Ids[_chunk.Count++] = id;
        }
    }
}
