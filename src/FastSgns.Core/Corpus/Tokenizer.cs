using System.Runtime.CompilerServices;

namespace FastSgns.Corpus;

/// <summary>
/// Splits UTF-8 text on ASCII whitespace; a newline ends a sentence (word2vec's &lt;/s&gt;). Tokens longer than
/// <see cref="MaxTokenBytes"/> are cut at a UTF-8 character boundary, as word2vec.c cuts at 100 bytes. NUL bytes are
/// whitespace (not sentence ends): they are what the holes of sparse or preallocated files read as, and runs of them
/// are skipped with a vectorized search rather than byte by byte.
/// </summary>
internal static class Tokenizer
{
    public const int MaxTokenBytes = 100;

    /// <summary>Bytes per window handed to a span; windows end on whitespace so no token is split.</summary>
    public const int WindowBytes = 64 << 20;

    /// <summary>The most a page fault maps around the page read: a 2 MB huge-page block, the largest folio the page cache maps at once on x86-64.</summary>
    private const long FaultReachBytes = 2 << 20;

    /// <summary>How far past a window's nominal end the search for whitespace goes before cutting a token.</summary>
    private const int SlackBytes = 1 << 20;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b == (byte)' ' || (b <= (byte)'\r' && b >= (byte)'\t') || b == 0;

    /// <summary>Tokenizes a whole mapped file window by window, then ends the sentence; returns the number of tokens.</summary>
    public static long Tokenize<TSink>(MappedFile file, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        long tokens = Tokenize(file, 0, file.Length, ref sink, WindowBytes);
        sink.OnSentenceEnd();
        return tokens;
    }

    /// <summary>
    /// Tokenizes [start, end) of a mapped file in windows of about <paramref name="windowBytes"/> (a parameter so
    /// tests can exercise the 64-bit window arithmetic with small windows), dropping each window's pages from the
    /// resident set once read. <paramref name="start"/> must follow whitespace or be 0; no sentence end is added.
    /// </summary>
    internal static long Tokenize<TSink>(MappedFile file, long start, long end, ref TSink sink, int windowBytes)
        where TSink : struct, ITokenSink
    {
        long tokens = 0;
        long offset = start;
        long released = start;
        while (offset < end)
        {
            int length = NextWindowLength(file, offset, end, windowBytes);
            tokens += Tokenize(file.Window(offset, length), ref sink);
            offset += length;
            released = file.Release(released, offset);
        }

        // A fault maps a block around the page it reads (see SplitAtWhitespace), which can reach past this range's
        // edges into pages a neighbouring thread has already read and released, and nobody would release them again.
        // Releasing a margin on both sides bounds such leftovers by construction, for one madvise per range; a
        // neighbour still reading there only faults its pages in again. (In the 1 B-token runs they stayed small even
        // without it: the hundreds of MB measured came from the split probes.)
        file.Release(Math.Max(0, start - FaultReachBytes), Math.Min(file.Length, end + FaultReachBytes));
        return tokens;
    }

    /// <summary>
    /// Length of the window at <paramref name="offset"/>: about <paramref name="windowBytes"/>, extended to just past
    /// the next whitespace, never past <paramref name="end"/>.
    /// </summary>
    internal static int NextWindowLength(MappedFile file, long offset, long end, int windowBytes = WindowBytes)
    {
        long remaining = end - offset;
        if (remaining <= windowBytes)
        {
            return (int)remaining;
        }

        // Extend to the next whitespace so a token never straddles two windows; a token longer than the slack
        // is cut there, which the per-token limit would do anyway.
        return windowBytes + SkipToken(file, offset + windowBytes, (int)Math.Min(Math.Min(SlackBytes, windowBytes), remaining - windowBytes));
    }

    /// <summary>
    /// Cuts [0, length) of a file into <paramref name="parts"/> ranges that each start after whitespace (or at 0), so
    /// they can be tokenized independently; returns parts + 1 ascending bounds (adjacent ones may be equal).
    /// </summary>
    internal static long[] SplitAtWhitespace(MappedFile file, int parts)
    {
        var bounds = new long[parts + 1];
        bounds[parts] = file.Length;
        for (int p = 1; p < parts; p++)
        {
            long target = Math.Max(bounds[p - 1], file.Length * p / parts);
            if (target == 0 || target >= file.Length)
            {
                bounds[p] = target;
                continue;
            }

            bounds[p] = target + SkipToken(file, target, (int)Math.Min(SlackBytes, file.Length - target));
            // A probe faults in not one page but the block around it (about a megabyte when the page cache holds large
            // folios), which would stay mapped until a reader got there: 640 probes of a 5 GB file added 640 MB to the
            // peak RSS, growing with the file. Released at once, they never add up.
            file.Release(Math.Max(0, target - FaultReachBytes), Math.Min(file.Length, bounds[p] + FaultReachBytes));
        }

        return bounds;
    }

    /// <summary>Bytes from <paramref name="offset"/> to just past the first whitespace within <paramref name="probe"/> bytes, or probe.</summary>
    private static int SkipToken(MappedFile file, long offset, int probe)
    {
        ReadOnlySpan<byte> tail = file.Window(offset, probe);
        for (int i = 0; i < tail.Length; i++)
        {
            if (IsWhitespace(tail[i]))
            {
                return i + 1;
            }
        }

        return probe;
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
