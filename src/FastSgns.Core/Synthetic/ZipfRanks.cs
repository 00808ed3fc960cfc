using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using FastSgns.Randomness;

namespace FastSgns.Synthetic;

/// <summary>
/// Word ranks from a Zipf law with exponent 1 over <c>V</c> types: P(rank ≤ x) = ln(1 + x) / ln(1 + V), inverted in
/// closed form as rank = ⌊(1 + V)^u⌋ − 1 for u uniform in (0, 1), so a draw needs one exp and no table. The ranks
/// are drawn a batch at a time, so that the exps go through one vectorized call: exp one word at a time was most of
/// the generator's time, and per sentence the call's fixed cost still showed. Doubles stay: a float exp was no
/// faster here, and float exponents near ln(1 + V) are too coarse to reach every rare rank.
/// </summary>
internal sealed class ZipfRanks(int vocabulary, ulong seed)
{
    private const int BatchSize = 256;

    private readonly double _scale = Math.Log(vocabulary + 1.0) / 4294967296.0;
    private readonly int _lastRank = vocabulary - 1;
    private readonly double[] _powers = new double[BatchSize];
    private readonly int[] _ranks = new int[BatchSize];
    private Lcg _random = new(seed);
    private int _next = BatchSize;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next()
    {
        if (_next == BatchSize)
        {
            Refill();
        }

        return _ranks[_next++];
    }

    private void Refill()
    {
        double[] powers = _powers;
        for (int i = 0; i < powers.Length; i++)
        {
            powers[i] = (_random.NextHigh() + 0.5) * _scale;
        }

        TensorPrimitives.Exp(powers, powers);
        int[] ranks = _ranks;
        for (int i = 0; i < ranks.Length; i++)
        {
            // (1 + V)^u < 1 + V, so only rounding can reach rank V; the clamp keeps the law's last rank instead.
            ranks[i] = Math.Min(_lastRank, (int)powers[i] - 1);
        }

        _next = 0;
    }
}
