using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastSgns.Interop;
using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Draws negatives from the unigram distribution raised to <c>power</c> (0.75) with Walker's alias method: 8 bytes
/// per word and O(1) per draw, instead of word2vec.c's 100-million-entry (400 MB) table. A bucket's threshold and
/// alias sit side by side, so a draw touches one cache line, not two: a vocabulary's table outgrows L1, and the
/// per-pair mode draws M negatives for every pair.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly Bucket[] _buckets;

    public int Count => _buckets.Length;

    public NegativeSampler(ReadOnlySpan<long> counts, double power = 0.75)
    {
        int n = counts.Length;
        ArgumentOutOfRangeException.ThrowIfZero(n);
        _buckets = new Bucket[n];
        var scaled = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            scaled[i] = Math.Pow(counts[i], power);
            total += scaled[i];
        }

        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            scaled[i] = scaled[i] * n / total;
            (scaled[i] < 1 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop();
            int l = large.Pop();
            _buckets[s] = new Bucket(ToThreshold(scaled[s]), l);
            scaled[l] -= 1 - scaled[s];
            (scaled[l] < 1 ? small : large).Push(l);
        }

        // What remains is 1 up to rounding: always accept.
        foreach (int i in small.Concat(large))
        {
            _buckets[i] = new Bucket(uint.MaxValue, i);
        }
    }

    /// <summary>The exact probability of drawing each word, as the table encodes it (for tests).</summary>
    public double[] Probabilities()
    {
        int n = Count;
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            Bucket bucket = _buckets[i];
            double accept = bucket.Threshold == uint.MaxValue ? 1.0 : bucket.Threshold / 4294967296.0;
            p[i] += accept / n;
            p[bucket.Alias] += (1 - accept) / n;
        }

        return p;
    }

    /// <summary>
    /// One draw. The accept-or-alias choice is a mask, not a branch: its outcome is close to a coin toss, and on a
    /// table beyond L2 (a million-word vocabulary) a mispredicted branch is only found out when the bucket arrives,
    /// so every miss flushed the draws behind it and the table's misses came one at a time (perf, gen100m's
    /// vocabulary: 14 % of the batched training thread on this load). Same draws as the comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref Lcg random)
    {
        // The index's and the coin's states (Lcg.NextBelow, then Lcg.NextHigh) computed side by side, so a draw costs
        // the generator's chain one multiply-add, not two: the per-pair mode draws M negatives for every pair.
        ulong indexState = Lcg.Step(random.State);
        random.State = Lcg.StepTwice(random.State);
        int index = (int)(((indexState >> 32) * (uint)_buckets.Length) >> 32);
        Bucket bucket = _buckets[index];
        // All ones when the 32-bit draw is below the threshold (the 64-bit difference is negative), else zero.
        int accept = (int)((long)((random.State >> 32) - bucket.Threshold) >> 63);
        return bucket.Alias ^ ((index ^ bucket.Alias) & accept);
    }

    /// <summary>
    /// True when the table outgrows a core's L2 (2 MB, a quarter of a million words and more): every draw's bucket
    /// then waits on the last-level cache or DRAM, so callers that know their coming draws ask for the buckets ahead
    /// (<see cref="PrefetchDraw"/>).
    /// </summary>
    public bool PrefetchPays => _buckets.Length >= PrefetchFromWords;

    private const int PrefetchFromWords = 1 << 18;

    /// <summary>
    /// Starts loading the bucket that a <see cref="Sample"/> from generator state <paramref name="state"/> reads, and
    /// returns the state after that draw (index and coin). Nothing is drawn: a wrong guess of the state only wastes
    /// the load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong PrefetchDraw(ulong state)
    {
        ulong next = Lcg.Step(state);
        uint index = (uint)(((next >> 32) * (uint)_buckets.Length) >> 32);
        CachePrefetch.Line(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), index));
        return Lcg.Step(next);
    }

    /// <summary>Bucket <paramref name="index"/>'s threshold and alias (for tests).</summary>
    internal (uint Threshold, int Alias) BucketAt(int index) => (_buckets[index].Threshold, _buckets[index].Alias);

    private static uint ToThreshold(double probability) =>
        probability >= 1 ? uint.MaxValue : (uint)Math.Round(probability * 4294967296.0);

    /// <summary>Accept the bucket's own word when a 32-bit draw is below <see cref="Threshold"/>, else take <see cref="Alias"/>.</summary>
    private readonly record struct Bucket(uint Threshold, int Alias);
}
