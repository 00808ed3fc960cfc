using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastSgns.Corpus;

/// <summary>
/// Tokenizing for sinks that take batches, 64 bytes at a time: one whitespace mask per block gives every token's
/// start (a non-whitespace bit after a whitespace bit) and end (the reverse), which a trailing-zero count walks in
/// order. A token costs a few bit operations instead of a vector search for its end and a byte test per whitespace
/// byte, and the only branch that depends on the text is the one leaving a block. A block without a newline takes
/// the walk over starts and ends alone; a block with one adds, before each token, a test for newlines ahead of it.
/// </summary>
internal static partial class Tokenizer
{
    private const int BlockBytes = 64;

    /// <summary>
    /// <see cref="Tokenize"/> for a sink that takes batches: the same tokens and sentence ends, collected
    /// <see cref="TokenBatch.Size"/> at a time. Compiled fully optimized at its first call: it runs once per 1 MB read,
    /// so tiering would leave the first chunks of every pass in unoptimized or on-stack-replaced code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static long TokenizeBatches<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var events = new BatchWriter<TSink>(text, stackalloc TokenSpan[TokenBatch.Size]);
        Span<byte> tail = stackalloc byte[BlockBytes];
        ref byte first = ref MemoryMarshal.GetReference(text);
        int tokenStart = -1;  // the start of a token still open at the block's start, else -1
        int block = 0;
        for (; block <= text.Length - BlockBytes; block += BlockBytes)
        {
            (ulong whitespace, ulong newlines) = Masks(ref Unsafe.Add(ref first, block));
            tokenStart = Walk(ref events, ref sink, block, whitespace, newlines, tokenStart);
        }

        if (block < text.Length)
        {
            // The last bytes, padded with spaces: a token running to the end of the text ends there, as it should.
            tail.Fill((byte)' ');
            text[block..].CopyTo(tail);
            (ulong whitespace, ulong newlines) = Masks(ref MemoryMarshal.GetReference(tail));
            tokenStart = Walk(ref events, ref sink, block, whitespace, newlines, tokenStart);
        }

        if (tokenStart >= 0)
        {
            events.Token(ref sink, tokenStart, text.Length);
        }

        events.Flush(ref sink);
        return events.Tokens;
    }

    /// <summary>
    /// Emits the events of the block at <paramref name="block"/> in reading order; <paramref name="tokenStart"/> is a
    /// token left open by the block before (or -1). Returns the token this block leaves open, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Walk<TSink>(ref BatchWriter<TSink> events, ref TSink sink, int block, ulong whitespace, ulong newlines, int tokenStart)
        where TSink : struct, ITokenSink
    {
        ulong word = ~whitespace;
        ulong carry = tokenStart >= 0 ? 1UL : 0UL;
        ulong starts = word & ~((word << 1) | carry);
        ulong ends = whitespace & ((word << 1) | carry);
        if (newlines != 0)
        {
            return WalkWithNewlines(ref events, ref sink, block, starts, ends, newlines, tokenStart);
        }

        if (tokenStart >= 0)
        {
            if (ends == 0)
            {
                return tokenStart;
            }

            events.Token(ref sink, tokenStart, block + BitOperations.TrailingZeroCount(ends));
            ends &= ends - 1;
        }

        while (starts != 0)
        {
            int start = block + BitOperations.TrailingZeroCount(starts);
            starts &= starts - 1;
            if (ends == 0)
            {
                return start;
            }

            events.Token(ref sink, start, block + BitOperations.TrailingZeroCount(ends));
            ends &= ends - 1;
        }

        return -1;
    }

    /// <summary>
    /// <see cref="Walk"/> for a block with a newline: the same walk over starts and ends, and before each token the
    /// sentence ends that lie before its start. A newline is whitespace, so none lies inside a token, and one at a
    /// token's end byte comes after that token, as it should. Compiled fully optimized at its first call: most blocks
    /// of a text with short lines take this path, and tiering would leave it unoptimized for a whole first chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WalkWithNewlines<TSink>(ref BatchWriter<TSink> events, ref TSink sink, int block, ulong starts, ulong ends, ulong newlines, int tokenStart)
        where TSink : struct, ITokenSink
    {
        if (tokenStart >= 0)
        {
            // The block holds whitespace (a newline), so the open token ends in it, before any newline.
            events.Token(ref sink, tokenStart, block + BitOperations.TrailingZeroCount(ends));
            ends &= ends - 1;
        }

        while (starts != 0)
        {
            int start = BitOperations.TrailingZeroCount(starts);
            starts &= starts - 1;
            ulong before = newlines & ((1UL << start) - 1);
            if (before != 0)
            {
                SentenceEnds(ref events, ref sink, block, before);
                newlines &= ~before;
            }

            if (ends == 0)
            {
                // Open to the block's end: no whitespace, so no newline, follows it.
                return block + start;
            }

            events.Token(ref sink, block + start, block + BitOperations.TrailingZeroCount(ends));
            ends &= ends - 1;
        }

        SentenceEnds(ref events, ref sink, block, newlines);
        return -1;
    }

    /// <summary>A sentence end at each newline bit of <paramref name="newlines"/>, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SentenceEnds<TSink>(ref BatchWriter<TSink> events, ref TSink sink, int block, ulong newlines)
        where TSink : struct, ITokenSink
    {
        while (newlines != 0)
        {
            events.SentenceEnd(ref sink, block + BitOperations.TrailingZeroCount(newlines));
            newlines &= newlines - 1;
        }
    }

    /// <summary>The whitespace bits (<see cref="IsWhitespace"/>) and the newline bits of the 64 bytes at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Whitespace, ulong Newlines) Masks(ref byte at)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<byte> bytes = Vector512.LoadUnsafe(ref at);
            Vector512<byte> whitespace = Vector512.Equals(bytes, Vector512.Create((byte)' '))
                | Vector512.LessThan(bytes - Vector512.Create((byte)'\t'), Vector512.Create((byte)('\r' - '\t' + 1)))
                | Vector512.Equals(bytes, Vector512<byte>.Zero);
            return (whitespace.ExtractMostSignificantBits(), Vector512.Equals(bytes, Vector512.Create((byte)'\n')).ExtractMostSignificantBits());
        }

        Vector256<byte> low = Vector256.LoadUnsafe(ref at);
        Vector256<byte> high = Vector256.LoadUnsafe(ref at, (nuint)Vector256<byte>.Count);
        ulong whitespaceBits = WhitespaceMask(low).ExtractMostSignificantBits() | (ulong)WhitespaceMask(high).ExtractMostSignificantBits() << 32;
        ulong newlineBits = Vector256.Equals(low, Vector256.Create((byte)'\n')).ExtractMostSignificantBits()
            | (ulong)Vector256.Equals(high, Vector256.Create((byte)'\n')).ExtractMostSignificantBits() << 32;
        return (whitespaceBits, newlineBits);
    }

    /// <summary>Collects a batch's events and hands the batch to the sink when it is full.</summary>
    private ref struct BatchWriter<TSink>(ReadOnlySpan<byte> text, Span<TokenSpan> batch)
        where TSink : struct, ITokenSink
    {
        private readonly ReadOnlySpan<byte> _text = text;
        private readonly Span<TokenSpan> _batch = batch;
        private int _count;

        public long Tokens { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Token(ref TSink sink, int start, int end)
        {
            int length = end - start;
            Add(ref sink, new TokenSpan(start, length <= MaxTokenBytes ? length : Truncate(_text[start..end]).Length));
            Tokens++;
        }

        public void SentenceEnd(ref TSink sink, int at) => Add(ref sink, new TokenSpan(at, 0));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Add(ref TSink sink, TokenSpan token)
        {
            Unsafe.Add(ref MemoryMarshal.GetReference(_batch), _count++) = token;
            if (_count == _batch.Length)
            {
                sink.OnBatch(_text, _batch);
                _count = 0;
            }
        }

        public void Flush(ref TSink sink)
        {
            if (_count > 0)
            {
                sink.OnBatch(_text, _batch[.._count]);
                _count = 0;
            }
        }
    }
}
