using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using FastSgns.Embeddings;

namespace FastSgns.Distributed;

/// <summary>
/// Combines one matrix's rows across ranks while the workers keep training it. Every rank holds the rows as they
/// were after the last exchange (the base, identical on every rank). An exchange of the first <c>rows</c> rows:
/// (1) each rank marks the rows it changed since (row ≠ base, bit for bit) and the ranks OR their marks, so only rows
/// some rank changed travel; (2) for each such row each rank sends its change (row − base), a 1 if it made one and the
/// change's squared length, and an allreduce sums them; (3) the new base is base + the sum of the changes — every rank's updates applied, as
/// Hogwild threads sharing one matrix apply all of theirs — or, averaging (pWord2Vec-MPI's rule), base + the sum over
/// the number of ranks that changed the row; or, by default, base + the sum divided by how much of it is one move
/// made on several ranks (<see cref="CombineRule.Adaptive"/>); (4) the live row moves by (new base − the copy sent), so updates the
/// workers made during the exchange are kept. Rows go in chunks of a few MB, so the buffers stay small.
/// </summary>
internal sealed class RowAverager : IDisposable
{
    private const int ChunkBytes = 4 << 20;

    private readonly IRowCollectives _world;
    private readonly EmbeddingMatrix _live;
    private readonly EmbeddingMatrix _base;
    private readonly int _dim;
    private readonly int _chunkRows;
    private readonly float[] _send;
    private readonly float[] _receive;
    private readonly float[] _snapshot;
    private readonly int[] _marks;
    private readonly int[] _changed;

    /// <summary>
    /// How many times over the adaptive rule applies a move every rank made (<see cref="CombineRule.Adaptive"/>): a
    /// row each rank drove a fraction f of the way to its target ends (1 − k·f) of the way off after a sync that
    /// applies the move k times, so k ≤ 2 keeps every row from swinging further off at each sync whatever f.
    /// </summary>
    private const float MaxShared = 2;

    private readonly CombineRule _rule;

    private readonly bool _hotAtEnd;

    /// <param name="hotAtEnd">The most trained rows are the last ones (the tree's), not the first (the words').</param>
    public RowAverager(IRowCollectives world, EmbeddingMatrix live, CombineRule rule, bool hotAtEnd = false)
    {
        _rule = rule;
        _hotAtEnd = hotAtEnd;
        _world = world;
        _live = live;
        _dim = live.Dim;
        _base = new EmbeddingMatrix(live.Rows, live.Dim);
        for (int r = 0; r < live.Rows; r++)
        {
            live.Row(r).CopyTo(_base.Row(r));
        }

        _chunkRows = Math.Max(1, Math.Min(live.Rows, ChunkBytes / (Width * sizeof(float))));
        _send = new float[_chunkRows * Width];
        _receive = new float[_send.Length];
        _snapshot = new float[_chunkRows * _dim];
        _marks = new int[(live.Rows + 31) / 32];
        _changed = new int[live.Rows];
    }

    /// <summary>Exchanges the rows among the <paramref name="rows"/> hottest that any rank changed; returns how many that was.</summary>
    public int Exchange(int rows)
    {
        int first = _hotAtEnd ? _live.Rows - rows : 0;
        Span<int> marks = _marks.AsSpan(0, (rows + 31) / 32);
        marks.Clear();
        for (int i = 0; i < rows; i++)
        {
            if (Changed(_live.Row(first + i), _base.Row(first + i)))
            {
                marks[i >> 5] |= 1 << (i & 31);
            }
        }

        _world.OrInPlace(marks);
        int count = 0;
        for (int i = 0; i < rows; i++)
        {
            if ((marks[i >> 5] & (1 << (i & 31))) != 0)
            {
                _changed[count++] = first + i;
            }
        }

        for (int start = 0; start < count; start += _chunkRows)
        {
            int n = Math.Min(_chunkRows, count - start);
            Pack(start, n);
            _world.Sum(_send.AsSpan(0, n * Width), _receive.AsSpan(0, n * Width));
            Apply(start, n);
        }

        return count;
    }

    /// <summary>Bit-for-bit comparison: a change that rounds back to the same value is no change to send.</summary>
    private static bool Changed(Span<float> row, Span<float> reference) =>
        !MemoryMarshal.AsBytes(row).SequenceEqual(MemoryMarshal.AsBytes(reference));

    private void Pack(int start, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int r = _changed[start + i];
            Span<float> snapshot = _snapshot.AsSpan(i * _dim, _dim);
            Span<float> reference = _base.Row(r);
            _live.Row(r).CopyTo(snapshot);
            Span<float> change = _send.AsSpan(i * Width, Width);
            TensorPrimitives.Subtract(snapshot, reference, change[.._dim]);
            change[_dim] = Changed(snapshot, reference) ? 1 : 0;
            change[_dim + 1] = TensorPrimitives.Dot(change[.._dim], change[.._dim]);
        }
    }

    private void Apply(int start, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int r = _changed[start + i];
            Span<float> row = _live.Row(r);
            Span<float> reference = _base.Row(r);
            ReadOnlySpan<float> snapshot = _snapshot.AsSpan(i * _dim, _dim);
            ReadOnlySpan<float> sum = _receive.AsSpan(i * Width, Width);
            float share = 1 / Divisor(sum);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // The scalar loop below, a vector at a time: the same operations, so the same bits on every rank.
                var scale = new Vector<float>(share);
                for (; j <= _dim - Vector<float>.Count; j += Vector<float>.Count)
                {
                    Vector<float> next = new Vector<float>(reference[j..]) + new Vector<float>(sum[j..]) * scale;
                    var now = new Vector<float>(row[j..]);
                    var sent = new Vector<float>(snapshot[j..]);
                    Vector.ConditionalSelect(Vector.Equals(now, sent), next, now + (next - sent)).CopyTo(row[j..]);
                    next.CopyTo(reference[j..]);
                }
            }

            for (; j < _dim; j++)
            {
                float next = reference[j] + sum[j] * share;
                float now = row[j];
                // Untouched since the copy was sent: take the new base exactly; otherwise keep the workers' update on top.
                row[j] = now == snapshot[j] ? next : now + (next - snapshot[j]);
                reference[j] = next;
            }
        }
    }

    /// <summary>A row's slot in the buffers: the change, whether it was made, its squared length.</summary>
    private int Width => _dim + 2;

    /// <summary>What the summed changes of one row are divided by under the rule (≥ 1).</summary>
    private float Divisor(ReadOnlySpan<float> sum)
    {
        float changers = Math.Max(1, sum[_dim]);
        if (_rule != CombineRule.Adaptive)
        {
            return _rule == CombineRule.Average ? changers : 1;
        }

        // ‖Σd‖² / Σ‖d‖² is 1 for changes in unrelated directions and k for the same change made on k ranks.
        float squares = sum[_dim + 1];
        float overlap = squares > 0 ? TensorPrimitives.Dot(sum[.._dim], sum[.._dim]) / squares : 1;
        return Math.Max(1, Math.Min(overlap, changers) / MaxShared);
    }

    public void Dispose() => _base.Dispose();
}
