using System.Runtime.CompilerServices;

namespace FastSgns.Corpus;

/// <summary>
/// Splits UTF-8 text on ASCII whitespace; a newline ends a sentence (word2vec's &lt;/s&gt;). Tokens longer than
/// <see cref="MaxTokenBytes"/> are cut at a UTF-8 character boundary, as word2vec.c cuts at 100 bytes. NUL bytes are
/// whitespace (not sentence ends): they are what the holes of sparse or preallocated files read as, and runs of them
/// are skipped with a vectorized search rather than byte by byte. Files reach it through <see cref="StreamTokenizer"/>.
/// </summary>
internal static class Tokenizer
{
    public const int MaxTokenBytes = 100;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b == (byte)' ' || (b <= (byte)'\r' && b >= (byte)'\t') || b == 0;

    /// <summary>Tokenizes one in-memory buffer; a token at the end of it is emitted, no sentence end is added.</summary>
    public static long Tokenize<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (IsWhitespace(b))
            {
                if (b == (byte)'\n')
                {
                    sink.OnSentenceEnd();
                }
                else if (b == 0)
                {
                    int run = text[i..].IndexOfAnyExcept((byte)0);
                    i = run < 0 ? text.Length : i + run;
                    continue;
                }

                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && !IsWhitespace(text[i]))
            {
                i++;
            }

            sink.OnToken(Truncate(text[start..i]));
            tokens++;
        }

        return tokens;
    }

    /// <summary>Cuts a token to at most <see cref="MaxTokenBytes"/> without splitting a UTF-8 character.</summary>
    public static ReadOnlySpan<byte> Truncate(ReadOnlySpan<byte> token)
    {
        if (token.Length <= MaxTokenBytes)
        {
            return token;
        }

        // Back off over at most 3 continuation bytes (a UTF-8 character has no more): a run of stray continuation
        // bytes (invalid UTF-8) is then cut at the limit instead of down to an empty token.
        int end = MaxTokenBytes;
        while (end > MaxTokenBytes - 3 && (token[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return token[..end];
    }
}
