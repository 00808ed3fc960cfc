namespace FastSgns.Synthetic;

/// <summary>
/// Streams a large synthetic corpus for scale tests and benchmarks: word ranks drawn from a Zipf law with exponent 1
/// over a vocabulary of any size (<see cref="ZipfRanks"/>: the law inverted in closed form, one exp per draw and no
/// table), written as pronounceable words (<see cref="SyllableSpelling"/>) in sentences of 8 to 32 words, one per line.
/// <para>
/// The tokens are cut into blocks of 2^20, and block b draws from its own generators, seeded from the seed and b.
/// Worker threads fill blocks in parallel and the caller's thread writes them in order (<see cref="OrderedBlockWriter"/>),
/// so the text depends only on the seed and the token count, never on the thread count, and memory stays at two
/// block buffers per thread whatever the length.
/// </para>
/// </summary>
internal static class ZipfCorpusGenerator
{
    /// <summary>
    /// Tokens per block: about 5 MB of text, so that handing a block between threads (microseconds) and writing it
    /// (one call) cost nothing next to generating it (tens of milliseconds), while two buffers per thread stay tens
    /// of megabytes and the last blocks leave no thread idle for long.
    /// </summary>
    internal const int BlockTokens = 1 << 20;

    /// <summary>
    /// Writes exactly <paramref name="tokens"/> tokens on <paramref name="threads"/> worker threads (0: one per
    /// processor); returns the bytes written. The same seed and token count give the same bytes on any thread count.
    /// </summary>
    public static long Write(Stream output, long tokens, int vocabulary, ulong seed = 1, int threads = 0,
        CancellationToken cancellation = default) =>
        Write(output, tokens, vocabulary, seed, threads, BlockTokens, cancellation);

    /// <summary>The same with a chosen block size, so tests can cross many block boundaries with few tokens.</summary>
    internal static long Write(Stream output, long tokens, int vocabulary, ulong seed, int threads, int blockTokens,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockTokens, ZipfBlock.MinSentence);
        long blocks = BlockCount(tokens, blockTokens);
        long longestBlock = Math.Min(tokens, blockTokens + ZipfBlock.MinSentence - 1L);
        int bufferBytes = checked((int)ZipfBlock.MaxBytes(longestBlock, vocabulary));
        return OrderedBlockWriter.Write(output, blocks, threads == 0 ? Environment.ProcessorCount : threads, bufferBytes,
            (block, buffer, stop) =>
            {
                // The last block takes the rest, up to blockTokens + 7 (see BlockCount).
                int blockLength = (int)(block == blocks - 1 ? tokens - block * blockTokens : blockTokens);
                ulong lengthSeed = StreamSeed(seed, 2 * block);
                ulong rankSeed = StreamSeed(seed, 2 * block + 1);
                return ZipfBlock.Write(buffer, blockLength, vocabulary, lengthSeed, rankSeed, stop);
            },
            cancellation);
    }

    /// <summary>
    /// Whole blocks, plus one for the rest if it holds a sentence of 8 words; a shorter rest joins the last block
    /// instead, so that no sentence is cut short when there are at least 8 tokens.
    /// </summary>
    private static long BlockCount(long tokens, int blockTokens)
    {
        long whole = tokens / blockTokens;
        long rest = tokens % blockTokens;
        return rest >= ZipfBlock.MinSentence || (whole == 0 && rest > 0) ? whole + 1 : whole;
    }

    /// <summary>
    /// The seed of generator n (block b has two: 2b for its sentence lengths, 2b + 1 for its ranks): output n of
    /// SplitMix64 started at the seed, so nearby seeds and generator numbers give unrelated states. Seeding the LCGs
    /// with seed + n would not: two LCGs whose seeds differ by d stay d · a^k apart after k steps, a fixed pattern.
    /// </summary>
    private static ulong StreamSeed(ulong seed, long stream)
    {
        ulong z = unchecked(seed + ((ulong)stream + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
