using FastSgns.Randomness;

namespace FastSgns.Synthetic;

/// <summary>
/// One block of the Zipf corpus: whole sentences of 8 to 32 words, one per line, drawn from the block's own
/// generators, so that blocks can be written on any thread in any order and still join into the same text.
/// </summary>
internal static class ZipfBlock
{
    public const int MinSentence = 8;
    public const int MaxSentence = 32;

    /// <summary>The most bytes <see cref="Write"/> can need for <paramref name="tokens"/> tokens (every word of the longest spelling).</summary>
    public static long MaxBytes(long tokens, int vocabulary) =>
        tokens * (SyllableSpelling.MaxLetters(vocabulary) + 1) + SyllableSpelling.Slack;

    /// <summary>
    /// Writes exactly <paramref name="tokens"/> tokens into <paramref name="destination"/>; returns the bytes used.
    /// Sentence lengths and word ranks come from separate generators, so that ranks can be drawn in batches.
    /// </summary>
    public static int Write(Span<byte> destination, int tokens, int vocabulary, ulong lengthSeed, ulong rankSeed,
        CancellationToken cancellation)
    {
        var lengths = new Lcg(lengthSeed);
        var ranks = new ZipfRanks(vocabulary, rankSeed);
        int used = 0;
        for (int remaining = tokens; remaining > 0;)
        {
            cancellation.ThrowIfCancellationRequested();
            int length = SentenceLength(ref lengths, remaining);
            used += WriteSentence(destination[used..], length, ranks);
            remaining -= length;
        }

        return used;
    }

    /// <summary>A method of its own, called per sentence, so the JIT optimizes the word loop early and fully.</summary>
    private static int WriteSentence(Span<byte> destination, int length, ZipfRanks ranks)
    {
        int used = 0;
        for (int i = 0; i < length; i++)
        {
            used += SyllableSpelling.Write(destination[used..], ranks.Next());
            destination[used++] = (byte)' ';
        }

        destination[used - 1] = (byte)'\n';
        return used;
    }

    /// <summary>
    /// 8 to 32 words, except near the end of the block: the last two sentences are fitted so that the block ends on
    /// a sentence boundary without a sentence shorter than 8 (only a block of fewer than 8 tokens has one). This
    /// nudges two lengths per block, which no use of the corpus can notice.
    /// </summary>
    private static int SentenceLength(ref Lcg lengths, int remaining)
    {
        int length = MinSentence + lengths.NextBelow(MaxSentence - MinSentence + 1);
        if (remaining - length >= MinSentence)
        {
            return length;
        }

        // Too little would be left for another sentence: take all of it if that fits in one sentence, or leave exactly
        // 8 words for a last, shortest one.
        return remaining <= MaxSentence ? remaining : remaining - MinSentence;
    }
}
