namespace FastSgns.Training;

/// <summary>
/// word2vec.c's subsampling of frequent words: with t = sample · trainWords, a word of count c is kept with
/// probability (√(c / t) + 1) · t / c (capped at 1 by the comparison). The draw compares against 16 random bits,
/// as word2vec.c does.
/// </summary>
public sealed class Subsampler
{
    private readonly float[] _keep;

    public bool Enabled { get; }

    public Subsampler(ReadOnlySpan<long> counts, long trainWords, double sample)
    {
        _keep = new float[counts.Length];
        Enabled = sample > 0;
        double threshold = sample * trainWords;
        for (int i = 0; i < counts.Length; i++)
        {
            _keep[i] = Enabled ? (float)KeepProbability(counts[i], threshold) : 1f;
        }
    }

    /// <summary>The formula, uncapped: values above 1 mean "always kept".</summary>
    public static double KeepProbability(long count, double threshold) =>
        (Math.Sqrt(count / threshold) + 1) * threshold / count;

    public float this[int word] => _keep[word];

    public bool Keep(int word, ref Lcg random)
    {
        float keep = _keep[word];
        return keep >= 1f || keep >= (random.Next() & 0xFFFF) / 65536f;
    }
}
