using System.Numerics;
using System.Numerics.Tensors;
using FastSgns.Embeddings;

namespace FastSgns.Distributed;

/// <summary>
/// One matrix's side of a sync, while the workers keep training it. Every rank holds the rows as they were after the
/// last sync (the base, identical on every rank). For the rows a sync names (ranges of hotness ranks) it: (1) packs each
/// row's change since then (row − base), a 1 if there was one and the change's squared length into the sync's buffer
/// (<see cref="RowExchange"/>, which sums every rank's buffer in one allreduce with the other matrices' rows); (2) the
/// new base is base + the sum of the changes — every rank's updates applied, as Hogwild threads sharing one matrix
/// apply all of theirs — or, averaging (pWord2Vec-MPI's rule), base + the sum over the number of ranks that changed the
/// row; or, by default, base + the sum divided by how much of it is one move made on several ranks
/// (<see cref="CombineRule.Adaptive"/>); (3) the live row moves by (new base − the copy sent), so updates the workers
/// made during the exchange are kept. Rows nobody changed travel as zeros and come back unchanged: marking the changed
/// ones first took a collective of its own per matrix, and on wiki40m 94 % of the rows a sync covers had changed.
/// </summary>
internal sealed partial class RowAverager : IDisposable
{
    private readonly EmbeddingMatrix _live;
    private readonly EmbeddingMatrix _base;
    private readonly CombineRule _rule;
    private readonly bool _hotAtEnd;
    private RowExchange? _alone;

    /// <summary>
    /// How many times over the adaptive rule applies a move every rank made (<see cref="CombineRule.Adaptive"/>): a
    /// row each rank drove a fraction f of the way to its target ends (1 − k·f) of the way off after a sync that
    /// applies the move k times, so k ≤ 2 keeps every row from swinging further off at each sync whatever f.
    /// </summary>
    private const float MaxShared = 2;

    /// <param name="hotAtEnd">The most trained rows are the last ones (the tree's), not the first (the words').</param>
    public RowAverager(EmbeddingMatrix live, CombineRule rule, bool hotAtEnd = false)
    {
        _rule = rule;
        _hotAtEnd = hotAtEnd;
        _live = live;
        Dim = live.Dim;
        _base = new EmbeddingMatrix(live.Rows, live.Dim);
        for (int r = 0; r < live.Rows; r++)
        {
            live.Row(r).CopyTo(_base.Row(r));
        }
    }

    /// <summary>A one-matrix sync (tests; a run syncs its matrices together); <paramref name="world"/> must be the same at every call.</summary>
    public RowAverager(IRowCollectives world, EmbeddingMatrix live, CombineRule rule, bool hotAtEnd = false)
        : this(live, rule, hotAtEnd) => _alone = new RowExchange(world, [this]);

    public int Dim { get; }

    public int Rows => _live.Rows;

    /// <summary>A row's slot in the buffers: the change, whether it was made, its squared length.</summary>
    public int Width => Dim + 2;

    /// <summary>Syncs the <paramref name="rows"/> hottest rows alone; returns how many of them some rank had changed.</summary>
    public int Exchange(int rows, bool bf16 = false) => _alone!.Exchange([(0, rows)], bf16);

    /// <summary>Syncs the rows of the given hotness ranges alone (tests).</summary>
    public int Exchange(IReadOnlyList<(int From, int Count)> ranges, bool bf16 = false) => _alone!.Exchange(ranges, bf16);

    /// <summary>The matrix row of the <paramref name="index"/>-th hottest row (from 0).</summary>
    private int RowOf(int index) => _hotAtEnd ? _live.Rows - 1 - index : index;

    /// <summary>
    /// Packs the changes of the rows of hotness ranks [from, from + n), keeping the copies sent: one pass over each row
    /// (copy, difference, squared length and whether any element changed, a vector at a time), since on a machine
    /// with as many cores as workers the sync thread's CPU is taken from them.
    /// </summary>
    public void Pack(int from, int n, Span<float> send, Span<float> snapshot)
    {
        for (int i = 0; i < n; i++)
        {
            int r = RowOf(from + i);
            Span<float> sent = snapshot.Slice(i * Dim, Dim);
            Span<float> change = send.Slice(i * Width, Width);
            ReadOnlySpan<float> row = _live.Row(r), reference = _base.Row(r);
            var squares = Vector<float>.Zero;
            var bits = Vector<uint>.Zero;
            int j = 0;
            for (; j <= Dim - Vector<float>.Count; j += Vector<float>.Count)
            {
                var now = new Vector<float>(row[j..]);
                now.CopyTo(sent[j..]);
                Vector<float> difference = now - new Vector<float>(reference[j..]);
                difference.CopyTo(change[j..]);
                squares += difference * difference;
                bits |= Vector.AsVectorUInt32(difference);
            }

            float tailSquares = 0;
            uint tailBits = 0;
            for (; j < Dim; j++)
            {
                float now = row[j];
                sent[j] = now;
                float difference = now - reference[j];
                change[j] = difference;
                tailSquares += difference * difference;
                tailBits |= BitConverter.SingleToUInt32Bits(difference);
            }

            // x − y is never 0 for x ≠ y (gradual underflow), so a change of 0 is a row that did not change, bit for bit
            // up to the sign of zero; a change too small to square (< 1e-19) is still added, it only does not count.
            bool changed = (bits & new Vector<uint>(NotSign)) != Vector<uint>.Zero || (tailBits & NotSign) != 0;
            change[Dim] = changed ? 1 : 0;
            change[Dim + 1] = Vector.Sum(squares) + tailSquares;
        }
    }

    /// <summary>Every bit of a float but its sign: a difference with any of them set is not zero.</summary>
    private const uint NotSign = 0x7FFF_FFFF;

    /// <summary>Applies the summed changes of the rows <see cref="Pack"/> packed; returns how many some rank had changed.</summary>
    public int Apply(int from, int n, ReadOnlySpan<float> sums, ReadOnlySpan<float> snapshot)
    {
        int changed = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> sum = sums.Slice(i * Width, Width);
            if (sum[Dim] == 0)
            {
                // Nobody changed it: the base is every rank's row already, and any update made since stays as it is.
                continue;
            }

            changed++;
            int r = RowOf(from + i);
            Span<float> row = _live.Row(r);
            Span<float> reference = _base.Row(r);
            ReadOnlySpan<float> sent = snapshot.Slice(i * Dim, Dim);
            float share = 1 / Divisor(sum);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // The scalar loop below, a vector at a time: the same operations, so the same bits on every rank.
                var scale = new Vector<float>(share);
                for (; j <= Dim - Vector<float>.Count; j += Vector<float>.Count)
                {
                    Vector<float> next = new Vector<float>(reference[j..]) + new Vector<float>(sum[j..]) * scale;
                    var now = new Vector<float>(row[j..]);
                    var copy = new Vector<float>(sent[j..]);
                    Vector.ConditionalSelect(Vector.Equals(now, copy), next, now + (next - copy)).CopyTo(row[j..]);
                    next.CopyTo(reference[j..]);
                }
            }

            for (; j < Dim; j++)
            {
                float next = reference[j] + sum[j] * share;
                float now = row[j];
                // Untouched since the copy was sent: take the new base exactly; otherwise keep the workers' update on top.
                row[j] = now == sent[j] ? next : now + (next - sent[j]);
                reference[j] = next;
            }
        }

        return changed;
    }

    /// <summary>What the summed changes of one row are divided by under the rule (≥ 1).</summary>
    private float Divisor(ReadOnlySpan<float> sum)
    {
        float changers = Math.Max(1, sum[Dim]);
        if (_rule != CombineRule.Adaptive)
        {
            return _rule == CombineRule.Average ? changers : 1;
        }

        if (changers <= MaxShared)
        {
            // min(overlap, changers) / MaxShared ≤ 1 whatever the overlap: the plain sum, without a pass over the row.
            return 1;
        }

        // ‖Σd‖² / Σ‖d‖² is 1 for changes in unrelated directions and k for the same change made on k ranks.
        float squares = sum[Dim + 1];
        float overlap = squares > 0 ? TensorPrimitives.Dot(sum[..Dim], sum[..Dim]) / squares : 1;
        return Math.Max(1, Math.Min(overlap, changers) / MaxShared);
    }

    public void Dispose() => _base.Dispose();
}
