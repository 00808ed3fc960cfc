using System.Runtime.CompilerServices;

namespace FastSgns.Corpus;

/// <summary>
/// Splits UTF-8 text on ASCII whitespace; a newline ends a sentence (word2vec's &lt;/s&gt;). Tokens longer than
/// <see cref="MaxTokenBytes"/> are cut at a UTF-8 character boundary, as word2vec.c cuts at 100 bytes.
/// </summary>
public static class Tokenizer
{
    public const int MaxTokenBytes = 100;

    /// <summary>Bytes per window handed to a span; windows end on whitespace so no token is split.</summary>
    public const int WindowBytes = 64 << 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b == (byte)' ' || (b <= (byte)'\r' && b >= (byte)'\t');

    /// <summary>Tokenizes a whole mapped file window by window; returns the number of tokens seen.</summary>
    public static long Tokenize<TSink>(MappedFile file, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        long offset = 0;
        while (offset < file.Length)
        {
            int length = NextWindowLength(file, offset);
            tokens += Tokenize(file.Window(offset, length), ref sink);
            offset += length;
        }

        sink.OnSentenceEnd();
        return tokens;
    }

    /// <summary>Length of the window at <paramref name="offset"/>: about <see cref="WindowBytes"/>, extended to whitespace.</summary>
    internal static int NextWindowLength(MappedFile file, long offset)
    {
        long remaining = file.Length - offset;
        if (remaining <= WindowBytes)
        {
            return (int)remaining;
        }

        // Extend to the next whitespace so a token never straddles two windows; a token longer than the slack
        // is cut there, which the per-token limit would do anyway.
        const int slack = 1 << 20;
        int probe = (int)Math.Min(slack, remaining - WindowBytes);
        ReadOnlySpan<byte> tail = file.Window(offset + WindowBytes, probe);
        for (int i = 0; i < tail.Length; i++)
        {
            if (IsWhitespace(tail[i]))
            {
                return WindowBytes + i + 1;
            }
        }

        return WindowBytes + probe;
    }

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
