using System.Runtime.CompilerServices;
using FastSgns.Interop;
using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// word2vec.c's subsampling of frequent words: with t = sample · trainWords, a word of count c is kept with
/// probability (√(c / t) + 1) · t / c (capped at 1 by the comparison). Unlike word2vec.c, which compares against
/// the generator's low 16 bits (a sequence with period 2^16), the draw uses its high 32 bits.
/// </summary>
internal sealed class Subsampler
{
    private readonly float[] _keep;
    private readonly uint[] _threshold;   // keep when a 32-bit draw is below this; uint.MaxValue: always

    public bool Enabled { get; }

    public Subsampler(ReadOnlySpan<long> counts, long trainWords, double sample)
    {
        _keep = new float[counts.Length];
        _threshold = new uint[counts.Length];
        Enabled = sample > 0;
        double threshold = sample * trainWords;
        for (int i = 0; i < counts.Length; i++)
        {
            double keep = Enabled ? KeepProbability(counts[i], threshold) : 1;
            _keep[i] = (float)keep;
            _threshold[i] = keep >= 1 ? uint.MaxValue : (uint)(keep * 4294967296.0);
        }
    }

    /// <summary>The formula, uncapped: values above 1 mean "always kept".</summary>
    public static double KeepProbability(long count, double threshold) =>
        (Math.Sqrt(count / threshold) + 1) * threshold / count;

    public float this[int word] => _keep[word];

    /// <summary>
    /// True when the threshold table outgrows a core's L2 (half a million words and more, 2 MB): each lookup of a rare
    /// word then waits on the last-level cache, and on the generator's state, which <see cref="Keep"/> advances only
    /// after it, so the reader asks for the entries some words ahead (<see cref="Prefetch"/>).
    /// </summary>
    public bool PrefetchPays => _threshold.Length >= PrefetchFromWords;

    private const int PrefetchFromWords = 1 << 19;

    /// <summary>Starts loading <paramref name="word"/>'s threshold; anything outside the vocabulary (a sentence end) is ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int word)
    {
        if ((uint)word < (uint)_threshold.Length)
        {
            CachePrefetch.Line(ref _threshold[word]);
        }
    }

    /// <summary>
    /// Draws only for words that may be dropped (the generator does not move for the others), without a branch on
    /// the outcome: the state advances by a select, so the draw sequence is the one the plain test would make.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Keep(int word, ref Lcg random)
    {
        uint threshold = _threshold[word];
        bool always = threshold == uint.MaxValue;
        ulong next = Lcg.Step(random.State);
        random.State = always ? random.State : next;
        return always | (uint)(next >> 32) < threshold;
    }
}
