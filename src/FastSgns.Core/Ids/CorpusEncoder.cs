using System.Runtime.InteropServices;
using FastSgns.Corpus;

namespace FastSgns.Ids;

/// <summary>
/// Encodes text into the binary id file that training maps: one little-endian int32 per in-vocabulary token, and
/// <see cref="EncodedCorpus.SentenceEnd"/> between sentences. Out-of-vocabulary tokens are dropped, as word2vec.c
/// drops them while reading.
/// </summary>
internal static class CorpusEncoder
{
    private const int BufferIds = 1 << 16;

    /// <summary>Encodes every file of the corpus, in order, .gz ones streamed; returns the number of ids written.</summary>
    public static long Encode(CorpusFiles files, Vocabulary.Vocab vocabulary, Stream output, CancellationToken cancellation = default)
    {
        var sink = new EncodingSink(vocabulary, output) { Cancellation = cancellation };
        files.Tokenize(ref sink);
        sink.Flush();
        return sink.Written;
    }

    /// <summary>Encodes file <paramref name="index"/> of the corpus alone (a .gz one streamed); returns the number of ids written.</summary>
    internal static long EncodeFile(CorpusFiles files, int index, Vocabulary.Vocab vocabulary, Stream output, CancellationToken cancellation, out long textBytes)
    {
        var sink = new EncodingSink(vocabulary, output) { Cancellation = cancellation };
        files.Tokenize(index, ref sink, out textBytes);
        sink.Flush();
        return sink.Written;
    }

    public static long Encode(ReadOnlySpan<byte> text, Vocabulary.Vocab vocabulary, Stream output)
    {
        var sink = new EncodingSink(vocabulary, output);
        Tokenizer.Tokenize(text, ref sink);
        sink.OnSentenceEnd();
        sink.Flush();
        return sink.Written;
    }

    private struct EncodingSink(Vocabulary.Vocab vocabulary, Stream output) : ITokenSink
    {
        private readonly int[] _buffer = new int[BufferIds];
        private int _count;
        private bool _sentenceOpen;

        public long Written { get; private set; }

        /// <summary>Checked at every buffer flush (64 Ki ids), so Ctrl+C stops a long encode within milliseconds.</summary>
        public CancellationToken Cancellation { get; init; }

        public void OnToken(ReadOnlySpan<byte> token)
        {
            int id = vocabulary.IndexOf(token);
            if (id < 0)
            {
                return;
            }

            Append(id);
            Written++;
            _sentenceOpen = true;
        }

        public void OnSentenceEnd()
        {
            // Consecutive newlines and sentences made only of unknown words leave no empty sentence behind.
            if (_sentenceOpen)
            {
                Append(EncodedCorpus.SentenceEnd);
                _sentenceOpen = false;
            }
        }

        public void Flush()
        {
            Cancellation.ThrowIfCancellationRequested();
            output.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
            _count = 0;
        }

        private void Append(int id)
        {
            if (_count == _buffer.Length)
            {
                Flush();
            }

            _buffer[_count++] = id;
        }
    }
}
