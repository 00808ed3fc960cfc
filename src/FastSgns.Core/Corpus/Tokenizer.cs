using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastSgns.Corpus;

/// <summary>
/// Splits UTF-8 text on ASCII whitespace; a newline ends a sentence (word2vec's &lt;/s&gt;). Tokens longer than
/// <see cref="MaxTokenBytes"/> are cut at a UTF-8 character boundary, as word2vec.c cuts at 100 bytes. NUL bytes are
/// whitespace (not sentence ends): they are what the holes of sparse or preallocated files read as, and runs of them
/// are skipped with a vectorized search rather than byte by byte. Files reach it through <see cref="StreamTokenizer"/>.
/// The end of each token is found 32 bytes at a time (a whitespace mask of one vector, its first set bit), which
/// replaces a byte loop whose exit branch mispredicts once per token; <see cref="TokenizeScalar"/> is the byte-by-byte
/// reference it is tested against, and the path taken without vector hardware. Sinks that take batches (the counter,
/// the parallel encoder) are served by the 64-byte block walk in Tokenizer.Batches.cs instead.
/// </summary>
internal static partial class Tokenizer
{
    public const int MaxTokenBytes = 100;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b == (byte)' ' || (b <= (byte)'\r' && b >= (byte)'\t') || b == 0;

    /// <summary>Tokenizes one in-memory buffer; a token at the end of it is emitted, no sentence end is added.</summary>
    public static long Tokenize<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return TokenizeScalar(text, ref sink);
        }

        if (TSink.TakesBatches)
        {
            return TokenizeBatches(text, ref sink);
        }

        long tokens = 0;
        int i = 0;
        ref byte first = ref MemoryMarshal.GetReference(text);
        while (i < text.Length)
        {
            byte b = Unsafe.Add(ref first, i);
            if (IsWhitespace(b))
            {
                i = SkipWhitespace(text, i, b, ref sink);
                continue;
            }

            int end = EndOfToken(ref first, i + 1, text.Length);
            sink.OnToken(Truncate(text[i..end]));
            tokens++;
            i = end;
        }

        return tokens;
    }

    /// <summary>The byte-by-byte tokenizer: the reference for <see cref="Tokenize"/>, same tokens and sentence ends.</summary>
    public static long TokenizeScalar<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (IsWhitespace(b))
            {
                i = SkipWhitespace(text, i, b, ref sink);
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

    /// <summary>Consumes the whitespace byte <paramref name="b"/> at <paramref name="i"/> (a NUL: its whole run); returns where to go on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace<TSink>(ReadOnlySpan<byte> text, int i, byte b, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (b == (byte)'\n')
        {
            sink.OnSentenceEnd();
        }

        return AfterWhitespace(text, i, b);
    }

    /// <summary>Where to go on after the whitespace byte <paramref name="b"/> at <paramref name="i"/>: past a NUL's whole run, else past the byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AfterWhitespace(ReadOnlySpan<byte> text, int i, byte b)
    {
        if (b != 0)
        {
            return i + 1;
        }

        int run = text[i..].IndexOfAnyExcept((byte)0);
        return run < 0 ? text.Length : i + run;
    }

    /// <summary>The first whitespace at or after <paramref name="i"/>, or <paramref name="length"/>: 32 bytes per step, the last few one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EndOfToken(ref byte first, int i, int length)
    {
        while (i <= length - Vector256<byte>.Count)
        {
            uint mask = WhitespaceMask(Vector256.LoadUnsafe(ref first, (nuint)i)).ExtractMostSignificantBits();
            if (mask != 0)
            {
                return i + BitOperations.TrailingZeroCount(mask);
            }

            i += Vector256<byte>.Count;
        }

        while (i < length && !IsWhitespace(Unsafe.Add(ref first, i)))
        {
            i++;
        }

        return i;
    }

    /// <summary><see cref="IsWhitespace"/> on every byte: space, \t \n \v \f \r (one unsigned range compare), NUL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> WhitespaceMask(Vector256<byte> bytes) =>
        Vector256.Equals(bytes, Vector256.Create((byte)' '))
        | Vector256.LessThan(bytes - Vector256.Create((byte)'\t'), Vector256.Create((byte)('\r' - '\t' + 1)))
        | Vector256.Equals(bytes, Vector256<byte>.Zero);

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
