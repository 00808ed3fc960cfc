using System.Runtime.CompilerServices;
using FastSgns.Randomness;

namespace FastSgns.Sampling;

/// <summary>
/// Draws negatives from the unigram distribution raised to <c>power</c> (0.75) with Walker's alias method: 8 bytes
/// per word and O(1) per draw, instead of word2vec.c's 100-million-entry (400 MB) table.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly uint[] _threshold;   // accept bucket i when a 32-bit draw is below this, else take _alias[i]
    private readonly int[] _alias;

    public int Count => _alias.Length;

    public NegativeSampler(ReadOnlySpan<long> counts, double power = 0.75)
    {
        int n = counts.Length;
        ArgumentOutOfRangeException.ThrowIfZero(n);
        _threshold = new uint[n];
        _alias = new int[n];
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
            _threshold[s] = ToThreshold(scaled[s]);
            _alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            (scaled[l] < 1 ? small : large).Push(l);
        }

        // What remains is 1 up to rounding: always accept.
        foreach (int i in small.Concat(large))
        {
            _threshold[i] = uint.MaxValue;
            _alias[i] = i;
        }
    }

    /// <summary>The exact probability of drawing each word, as the table encodes it (for tests).</summary>
    public double[] Probabilities()
    {
        int n = Count;
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            double accept = _threshold[i] == uint.MaxValue ? 1.0 : _threshold[i] / 4294967296.0;
            p[i] += accept / n;
            p[_alias[i]] += (1 - accept) / n;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref Lcg random)
    {
        int bucket = random.NextBelow(_alias.Length);
        return random.NextHigh() < _threshold[bucket] ? bucket : _alias[bucket];
    }

    private static uint ToThreshold(double probability) =>
        probability >= 1 ? uint.MaxValue : (uint)Math.Round(probability * 4294967296.0);
}
