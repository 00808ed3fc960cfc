using System.Runtime.InteropServices;
using FastSgns.Corpus;
using FastSgns.Ids;
using FastSgns.Vocabulary;

namespace FastSgns.Distributed;

/// <summary>
/// Encodes one rank's shard into the id file format <see cref="CorpusEncoder"/> writes: the ids of the words in the
/// vocabulary, a sentence-end marker after each sentence. The shard's ranges are read in corpus order on the calling
/// thread; a sentence that crosses from one range into the next contiguous one stays whole, and every file's end and
/// every gap between non-contiguous ranges ends the open sentence.
/// </summary>
internal static class ShardEncoder
{
    private const int BufferIds = 1 << 16;

    /// <summary>Writes the ids to <paramref name="output"/>; returns the number of word ids (markers excluded).</summary>
    public static long Encode(CorpusFiles files, ShardPlan shard, Vocab vocabulary, Stream output, CancellationToken cancellation = default) =>
        Encode(files, shard, vocabulary, output, out _, cancellation);

    /// <summary>As <see cref="Encode(CorpusFiles, ShardPlan, Vocab, Stream, CancellationToken)"/>; <paramref name="ids"/>: every id written, markers included.</summary>
    public static long Encode(CorpusFiles files, ShardPlan shard, Vocab vocabulary, Stream output, out long ids, CancellationToken cancellation = default)
    {
        var state = new State(output, vocabulary);
        var sink = new Sink(state);
        IReadOnlyList<ShardPlan.Range> ranges = shard.Ranges;
        for (int i = 0; i < ranges.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            ShardPlan.Range range = ranges[i];
            if (range.IsWholeFile)
            {
                files.Tokenize(range.File, ref sink, out _);
                continue;
            }

            files.Tokenize(range.File, range.Start, range.End, ref sink);
            bool continues = i + 1 < ranges.Count && ranges[i + 1].File == range.File && ranges[i + 1].Start == range.End;
            if (range.EndsFile || !continues)
            {
                sink.OnSentenceEnd();
            }
        }

        state.Flush();
        ids = state.Written;
        return state.Words;
    }

    private sealed class State(Stream output, Vocab vocabulary)
    {
        public readonly Vocab Vocabulary = vocabulary;
        public readonly int[] Ids = new int[BufferIds];
        public int Count;
        public long Words;
        public long Written;
        public bool SentenceOpen;

        public void Append(int id)
        {
            if (Count == Ids.Length)
            {
                Flush();
            }

            Ids[Count++] = id;
        }

        public void Flush()
        {
            output.Write(MemoryMarshal.AsBytes(Ids.AsSpan(0, Count)));
            Written += Count;
            Count = 0;
        }
    }

    private readonly struct Sink(State state) : ITokenSink
    {
        public void OnToken(ReadOnlySpan<byte> token)
        {
            int id = state.Vocabulary.IndexOf(token);
            if (id < 0)
            {
                return;
            }

            state.Append(id);
            state.Words++;
            state.SentenceOpen = true;
        }

        public void OnSentenceEnd()
        {
            if (state.SentenceOpen)
            {
                state.Append(EncodedCorpus.SentenceEnd);
                state.SentenceOpen = false;
            }
        }
    }
}
