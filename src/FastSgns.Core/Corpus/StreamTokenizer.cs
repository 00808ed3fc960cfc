namespace FastSgns.Corpus;

/// <summary>
/// Tokenizes a stream (a range of a file read with pread, or decompressed gzip) through one fixed buffer: each read
/// is tokenized up to its last whitespace and the unfinished token is carried to the front of the buffer for the next
/// read, so tokens and sentence ends come out exactly as <see cref="Tokenizer"/> produces them for the same bytes in
/// one span. Nothing is decompressed to disk or held beyond the buffer.
/// </summary>
internal static class StreamTokenizer
{
    /// <summary>Buffer size; a token longer than it (far above <see cref="Tokenizer.MaxTokenBytes"/>) is cut.</summary>
    public const int BufferBytes = 1 << 20;

    /// <summary>Tokenizes the whole stream, then ends the sentence; returns the number of tokens.</summary>
    public static long Tokenize<TSink>(Stream stream, ref TSink sink, int bufferBytes = BufferBytes)
        where TSink : struct, ITokenSink =>
        Tokenize(stream, ref sink, new byte[bufferBytes], endSentence: true);

    /// <summary>Tokenizes the whole stream through <paramref name="buffer"/> (reused by the caller); returns the number of tokens.</summary>
    internal static long Tokenize<TSink>(Stream stream, ref TSink sink, byte[] buffer, bool endSentence)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        int filled = 0;
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            int newFilled = filled + read;
            int last = LastWhitespace(buffer.AsSpan(filled, read));
            int cut = last >= 0 ? filled + last + 1 : newFilled == buffer.Length ? newFilled : 0;
            tokens += Tokenizer.Tokenize(buffer.AsSpan(0, cut), ref sink);
            buffer.AsSpan(cut, newFilled - cut).CopyTo(buffer);
            filled = newFilled - cut;
        }

        tokens += Tokenizer.Tokenize(buffer.AsSpan(0, filled), ref sink);
        if (endSentence)
        {
            sink.OnSentenceEnd();
        }

        return tokens;
    }

    private static int LastWhitespace(ReadOnlySpan<byte> bytes)
    {
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            if (Tokenizer.IsWhitespace(bytes[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
