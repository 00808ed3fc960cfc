namespace FastSgns.Benchmarks;

/// <summary>Row ids for the kernel benchmarks.</summary>
internal static class ZipfIds
{
    /// <summary>
    /// A log-uniform id in [0, <paramref name="vocabulary"/>): density 1/rank, roughly as words (and unigram^0.75
    /// negatives) fall in a count-sorted vocabulary.
    /// </summary>
    public static int Draw(Random random, int vocabulary) => (int)Math.Pow(vocabulary, random.NextDouble()) - 1;
}
