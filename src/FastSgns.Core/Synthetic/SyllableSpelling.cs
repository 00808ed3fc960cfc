using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FastSgns.Synthetic;

/// <summary>
/// The word of a Zipf rank: its digits in base 100, least significant first, each spelled as a consonant-vowel
/// syllable (20 consonants × 5 vowels), so ranks below 100 have two letters, below 10,000 four, and so on. Short words
/// are the frequent ones, as in real text.
/// </summary>
internal static class SyllableSpelling
{
    private const string Consonants = "bcdfghjklmnprstvwxyz";
    private const string Vowels = "aeiou";
    private const int PairCount = 10_000;

    /// <summary>Ranks below this have at most eight letters and take the fast path.</summary>
    private const int FastRankLimit = PairCount * PairCount;

    /// <summary>
    /// Room <see cref="Write"/> needs from the start of the destination even for a two-letter word: it stores eight
    /// letters at once.
    /// </summary>
    public const int Slack = 8;

    /// <summary>
    /// Four letters for every value below 10,000 (two syllables, the upper one "ba" below 100), little-endian: 40 KB,
    /// so it stays in cache, where a table of whole words would be megabytes and miss on rare ranks.
    /// </summary>
    private static readonly uint[] s_pairs = BuildPairs();

    /// <summary>
    /// Letters in the word of <paramref name="rank"/>. Below 10^8 each (uint)(limit − rank) >> 31 is 1 when rank passes
    /// the limit: word lengths follow random ranks, and comparisons compiled to branches were mispredicted often.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Letters(int rank) =>
        rank < FastRankLimit
            ? 2 + 2 * (int)(((uint)(99 - rank) >> 31) + ((uint)(9_999 - rank) >> 31) + ((uint)(999_999 - rank) >> 31))
            : 2 * SyllableCount(rank);

    /// <summary>
    /// Writes the word of <paramref name="rank"/> at the start of <paramref name="destination"/> and returns its
    /// length. Up to <see cref="Slack"/> bytes from the start are written, the ones past the word with filler, which
    /// the caller's separator and next word overwrite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, int rank)
    {
        if (rank >= FastRankLimit)
        {
            return WriteSlowly(destination, rank);
        }

        // Both halves are spelled with four letters; only the word's own letters count, and the separator that
        // follows them overwrites the filler, so one 8-byte store replaces a loop over syllables.
        int upper = rank / PairCount;
        ulong letters = s_pairs[rank - upper * PairCount] | (ulong)s_pairs[upper] << 32;
        BinaryPrimitives.WriteUInt64LittleEndian(destination, letters);
        return Letters(rank);
    }

    /// <summary>The most letters any rank below <paramref name="vocabulary"/> spells to.</summary>
    public static int MaxLetters(int vocabulary) => Letters(vocabulary - 1);

    /// <summary>The plain definition, one syllable at a time: the reference the fast path is tested against, and the path for ranks of 10^8 and above.</summary>
    internal static int WriteSlowly(Span<byte> destination, int rank)
    {
        int length = 0;
        int value = rank;
        do
        {
            int digit = value % 100;
            destination[length++] = (byte)Consonants[digit / 5];
            destination[length++] = (byte)Vowels[digit % 5];
            value /= 100;
        }
        while (value > 0);

        return length;
    }

    private static int SyllableCount(int rank)
    {
        int count = 1;
        for (int value = rank / 100; value > 0; value /= 100)
        {
            count++;
        }

        return count;
    }

    private static uint[] BuildPairs()
    {
        var pairs = new uint[PairCount];
        Span<byte> letters = stackalloc byte[4];
        for (int value = 0; value < PairCount; value++)
        {
            "baba"u8.CopyTo(letters);
            WriteSlowly(letters, value);
            pairs[value] = BinaryPrimitives.ReadUInt32LittleEndian(letters);
        }

        return pairs;
    }
}
