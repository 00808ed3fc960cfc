using FastSgns.Training;

namespace FastSgns.Synthetic;

/// <summary>
/// Streams a large synthetic corpus for scale tests and benchmarks: word ranks drawn from a Zipf law with exponent 1
/// over a vocabulary of any size (P(rank ≤ x) = ln(1 + x) / ln(1 + V), inverted in closed form, so a draw costs one
/// exp and no table), written as pronounceable words (consonant-vowel syllables, short words frequent as in real
/// text) in sentences of 8 to 32 words, one per line. Deterministic for a seed.
/// </summary>
public static class ZipfCorpusGenerator
{
    private const string Consonants = "bcdfghjklmnprstvwxyz";
    private const string Vowels = "aeiou";
    private const int MinSentence = 8;
    private const int SentenceSpread = 25;

    /// <summary>Writes exactly <paramref name="tokens"/> tokens; returns the bytes written.</summary>
    public static long Write(Stream output, long tokens, int vocabulary, ulong seed = 1, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 2);
        (byte[] arena, int[] offsets) = Words(vocabulary);
        double logRange = Math.Log(vocabulary + 1.0);
        var random = new Lcg(seed);
        var buffer = new byte[1 << 20];
        int used = 0;
        long bytes = 0;
        long written = 0;
        while (written < tokens)
        {
            cancellation.ThrowIfCancellationRequested();
            int length = (int)Math.Min(MinSentence + random.NextBelow(SentenceSpread), tokens - written);
            if (used + length * 16 + 1 > buffer.Length)
            {
                output.Write(buffer, 0, used);
                bytes += used;
                used = 0;
            }

            for (int i = 0; i < length; i++)
            {
                double u = (random.NextHigh() + 0.5) / 4294967296.0;
                int rank = Math.Min(vocabulary - 1, (int)Math.Exp(u * logRange) - 1);
                int start = offsets[rank];
                int size = offsets[rank + 1] - start;
                arena.AsSpan(start, size).CopyTo(buffer.AsSpan(used));
                used += size;
                buffer[used++] = i == length - 1 ? (byte)'\n' : (byte)' ';
            }

            written += length;
        }

        output.Write(buffer, 0, used);
        return bytes + used;
    }

    /// <summary>Word of each rank: its digits in base 100 (20 consonants × 5 vowels) as syllables, so ranks below 100 have two letters, below 10,000 four, and so on.</summary>
    private static (byte[] Arena, int[] Offsets) Words(int vocabulary)
    {
        var offsets = new int[vocabulary + 1];
        var arena = new List<byte>(vocabulary * 8);
        for (int rank = 0; rank < vocabulary; rank++)
        {
            offsets[rank] = arena.Count;
            int value = rank;
            do
            {
                int digit = value % 100;
                arena.Add((byte)Consonants[digit / 5]);
                arena.Add((byte)Vowels[digit % 5]);
                value /= 100;
            }
            while (value > 0);
        }

        offsets[vocabulary] = arena.Count;
        return ([.. arena], offsets);
    }
}
